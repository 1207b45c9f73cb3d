// Status and Result<T>: errors as values at every library boundary.
//
// A Status is either ok or carries a code and a one-line message meant for the
// user ("data/x.csv:12: expected 3 values, got 2"). The CLI prints the message
// as is and maps the code to an exit status, so a message should name the file
// and the position (or the field) it is about and should not end with a period.
//
// Both types are cheap to move, copyable, and not thread-safe to mutate from
// several threads at once (like any value type).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace mote {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the user's input (a file, a flag, a field) is wrong
    kNotFound,         // a file, sample, snapshot or key does not exist
    kAlreadyExists,
    kCorruption,       // stored state or a file's structure is damaged
    kIoError,          // the OS refused (permissions, disk full, device gone)
    kUnsupported,      // valid input that mote does not handle (yet)
    kCancelled,        // interrupted by the user (SIGINT)
    kUsage,            // the command line itself is wrong (exit status 2)
    kInternal,         // a bug in mote
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) { return {Code::kAlreadyExists, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {Code::kUnsupported, std::move(msg)}; }
  static Status Cancelled(std::string msg) { return {Code::kCancelled, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }
  static Status Usage(std::string msg) { return {Code::kUsage, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "prefix: message"; used to add the file
  // name or the field an error is about as it travels up.
  Status WithPrefix(const std::string& prefix) const {
    if (ok()) return *this;
    return Status(code_, prefix + ": " + message_);
  }

  // "ok" or the message; for logs and test failures.
  std::string ToString() const { return ok() ? "ok" : message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-ok Status. Accessing value() of an error is a bug
// (asserted in debug builds).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "Result built from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { assert(ok()); return std::get<T>(v_); }
  const T& value() const& { assert(ok()); return std::get<T>(v_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace mote

// Returns early from the enclosing function with the error of `expr` (a Status).
#define MOTE_RETURN_IF_ERROR(expr)             \
  do {                                         \
    ::mote::Status mote_status_ = (expr);      \
    if (!mote_status_.ok()) return mote_status_; \
  } while (0)

#define MOTE_CONCAT_INNER_(a, b) a##b
#define MOTE_CONCAT_(a, b) MOTE_CONCAT_INNER_(a, b)
// `MOTE_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result or
// returns its error.
#define MOTE_ASSIGN_OR_RETURN(decl, expr)                                  \
  auto MOTE_CONCAT_(mote_result_, __LINE__) = (expr);                      \
  if (!MOTE_CONCAT_(mote_result_, __LINE__).ok())                          \
    return MOTE_CONCAT_(mote_result_, __LINE__).status();                  \
  decl = std::move(MOTE_CONCAT_(mote_result_, __LINE__)).value()
