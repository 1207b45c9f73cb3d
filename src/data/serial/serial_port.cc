#include "data/serial/serial_port.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

namespace mote {

namespace {

const std::vector<std::pair<int, speed_t>>& BaudTable() {
  static const std::vector<std::pair<int, speed_t>> table = {
      {50, B50},           {75, B75},       {110, B110},     {134, B134},     {150, B150},       {200, B200},
      {300, B300},         {600, B600},     {1200, B1200},   {1800, B1800},   {2400, B2400},     {4800, B4800},
      {9600, B9600},       {19200, B19200}, {38400, B38400}, {57600, B57600}, {115200, B115200}, {230400, B230400},
#ifdef B460800
      {460800, B460800},
#endif
#ifdef B500000
      {500000, B500000},
#endif
#ifdef B576000
      {576000, B576000},
#endif
#ifdef B921600
      {921600, B921600},
#endif
#ifdef B1000000
      {1000000, B1000000},
#endif
#ifdef B1152000
      {1152000, B1152000},
#endif
#ifdef B1500000
      {1500000, B1500000},
#endif
#ifdef B2000000
      {2000000, B2000000},
#endif
#ifdef B2500000
      {2500000, B2500000},
#endif
#ifdef B3000000
      {3000000, B3000000},
#endif
#ifdef B3500000
      {3500000, B3500000},
#endif
#ifdef B4000000
      {4000000, B4000000},
#endif
  };
  return table;
}

std::optional<speed_t> BaudConstant(int baud) {
  for (const auto& [rate, constant] : BaudTable())
    if (rate == baud) return constant;
  return std::nullopt;
}

Status Errno(const std::string& path, const std::string& what) {
  return Status::IoError(path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

std::string SerialPort::StandardBaudRates() {
  std::string out;
  for (const auto& [rate, constant] : BaudTable()) out += (out.empty() ? "" : ", ") + std::to_string(rate);
  return out;
}

Result<std::unique_ptr<SerialPort>> SerialPort::Open(const std::string& path, int baud) {
  std::optional<speed_t> speed = BaudConstant(baud);
  if (!speed)
    return Status::Usage("--baud " + std::to_string(baud) + ": not a standard rate (" + StandardBaudRates() + ")");
  // O_NOCTTY: the device must not become our controlling terminal (a hang-up
  // would then send us SIGHUP). O_NONBLOCK: open() must not wait for carrier
  // detect; reads wait in poll() instead.
  int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Errno(path, "cannot open");
  std::unique_ptr<SerialPort> port(new SerialPort(path, fd));
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0) return Errno(path, "not a serial port");
  ::cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;  // ignore modem lines; enable the receiver
  tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | CRTSCTS);
  tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  // VMIN 1 (as cfmakeraw sets it) keeps read() == 0 meaning end of file: a
  // non-blocking read with nothing to read fails with EAGAIN instead.
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  if (::cfsetispeed(&tio, *speed) != 0 || ::cfsetospeed(&tio, *speed) != 0) return Errno(path, "cannot set baud rate");
  if (::tcsetattr(fd, TCSANOW, &tio) != 0) return Errno(path, "cannot configure");
  if (::tcflush(fd, TCIFLUSH) != 0) return Errno(path, "cannot flush input");
  return port;
}

SerialPort::~SerialPort() { ::close(fd_); }

Result<SerialPort::ReadResult> SerialPort::Read(char* buffer, size_t capacity, std::chrono::milliseconds timeout) {
  pollfd pfd{fd_, POLLIN, 0};
  int ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
  if (ready < 0) {
    if (errno == EINTR) return ReadResult{ReadState::kInterrupted, 0};
    return Errno(path_, "poll");
  }
  if (ready == 0) return ReadResult{ReadState::kTimeout, 0};
  if (pfd.revents & POLLNVAL) return Status::IoError(path_ + ": poll: descriptor is not open");
  // POLLHUP and POLLERR may come with unread input: read() drains it first and
  // reports the end (0, or EIO on a pseudo-terminal whose master closed).
  ssize_t n = ::read(fd_, buffer, capacity);
  if (n > 0) return ReadResult{ReadState::kData, static_cast<size_t>(n)};
  if (n == 0) return ReadResult{ReadState::kDisconnected, 0};
  switch (errno) {
    case EAGAIN: return ReadResult{ReadState::kTimeout, 0};
    case EINTR: return ReadResult{ReadState::kInterrupted, 0};
    case EIO:
    case ENXIO:
    case ENODEV: return ReadResult{ReadState::kDisconnected, 0};
    default: return Errno(path_, "read");
  }
}

}  // namespace mote
