// A serial port (a tty such as /dev/ttyACM0, or a pseudo-terminal) opened for
// reading a device's output: raw mode (no echo, no line editing, no CR/NL
// translation, 8 data bits, no parity, one stop bit, no flow control) at one
// of the standard baud rates.
//
// POSIX only (termios, poll). A SerialPort is used from one thread; it owns
// its file descriptor and closes it when destroyed.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/status.h"

namespace mote {

class SerialPort {
 public:
  // The standard rates (50 ... 4000000 on Linux); used in messages.
  static std::string StandardBaudRates();

  // Opens `path` at `baud` and discards input received before the call (stale
  // lines would distort the rate detection). Usage when `baud` is not a
  // standard rate; IoError naming the path when it cannot be opened or is not
  // a terminal.
  static Result<std::unique_ptr<SerialPort>> Open(const std::string& path, int baud);

  ~SerialPort();
  SerialPort(const SerialPort&) = delete;
  SerialPort& operator=(const SerialPort&) = delete;

  enum class ReadState {
    kData,          // `bytes` were read into the buffer
    kTimeout,       // nothing arrived within the timeout
    kInterrupted,   // a signal arrived (the caller checks Interrupted())
    kDisconnected,  // end of file, or the device hung up or went away
  };
  struct ReadResult {
    ReadState state = ReadState::kTimeout;
    size_t bytes = 0;
  };

  // Waits up to `timeout` for input and reads what is there, at most
  // `capacity` bytes, into `buffer`. IoError naming the path for failures
  // other than a disconnect.
  Result<ReadResult> Read(char* buffer, size_t capacity, std::chrono::milliseconds timeout);

  const std::string& path() const { return path_; }

 private:
  SerialPort(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_;
};

}  // namespace mote
