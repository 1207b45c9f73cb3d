// Test firmware for the emulated-board harness; run by
// tests/deploy/qemu_harness_test.cc through the QEMU runner.
//
// It prints on the UART, reads input.bin from the host by semihosting,
// checksums its payload, writes output.bin, runs a loop of a requested
// length between the instruction-count markers, and exits with a requested
// status. input.bin is little-endian:
//
//   u32 exit_status   returned from main
//   u32 spin_n        iterations of spin_loop in each counted interval
//   u32 intervals     how many counted intervals
//   u32 action        0 none, 1 echo one UART line, 2 fault, 3 hang
//   payload...        any bytes (at most kMaxPayload)
//
// output.bin is little-endian: u32 CRC-32 (IEEE) of the payload, u32 payload
// size, f32 mean of the payload bytes (computed on the FPU), u32 the value of
// an initialized global (proves .data was copied from flash).
#include <stddef.h>
#include <stdint.h>

#include "common/board.h"
#include "common/count_markers.h"
#include "semihosting/semihosting.h"

extern "C" void spin_loop(uint32_t n);

namespace hello {
// In .data (external linkage keeps it there, written or not): its initial
// value must come from the copy the startup code makes from flash.
uint32_t g_data_word = 0x12345678;
}  // namespace hello

namespace {

constexpr size_t kHeaderSize = 16;
constexpr size_t kMaxPayload = 4096;

enum Action : uint32_t { kNone = 0, kEchoLine = 1, kFault = 2, kHang = 3 };

// A static object whose constructor has side effects, so the compiler cannot
// initialize it at compile time: proves the startup code runs constructors
// (after board_init, since it prints).
struct StartupWitness {
  StartupWitness() { board_uart_print("static constructor ran\n"); }
};
StartupWitness g_witness;

uint8_t g_buffer[kHeaderSize + kMaxPayload];

uint32_t LoadU32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

void StoreU32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

uint32_t Crc32(const uint8_t* data, size_t size) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void PrintHex(uint32_t value) {
  char text[11] = "0x";
  for (int i = 0; i < 8; ++i) text[2 + i] = "0123456789abcdef"[(value >> (28 - 4 * i)) & 0xFu];
  text[10] = '\0';
  board_uart_print(text);
}

void EchoOneLine() {
  board_uart_print("echo: ");
  for (;;) {
    uint8_t byte = board_uart_read();
    board_uart_write(&byte, 1);
    if (byte == '\n') return;
  }
}

// Reads input.bin into g_buffer; returns its size, or -1 (after saying why
// on the UART). Reads the payload before the header, seeking to each, so
// that the harness test covers SYS_FLEN and SYS_SEEK as well.
long ReadInput() {
  int handle = semihost_open("input.bin", SEMIHOST_OPEN_READ);
  if (handle < 0) {
    board_uart_print("input.bin: cannot open\n");
    return -1;
  }
  const long size = semihost_file_length(handle);
  const char* error = nullptr;
  if (size < static_cast<long>(kHeaderSize)) {
    error = "input.bin: shorter than its 16-byte header\n";
  } else if (size > static_cast<long>(sizeof(g_buffer))) {
    error = "input.bin: payload larger than 4096 bytes\n";
  } else if (semihost_seek(handle, kHeaderSize) != 0 ||
             semihost_read(handle, g_buffer + kHeaderSize, sizeof(g_buffer) - kHeaderSize) !=
                 size - static_cast<long>(kHeaderSize) ||
             semihost_seek(handle, 0) != 0 || semihost_read(handle, g_buffer, kHeaderSize) != kHeaderSize) {
    error = "input.bin: read failed\n";
  }
  semihost_close(handle);
  if (error) {
    board_uart_print(error);
    return -1;
  }
  return size;
}

bool WriteOutput(uint32_t crc, uint32_t size, float mean) {
  uint8_t out[16];
  StoreU32(out, crc);
  StoreU32(out + 4, size);
  uint32_t mean_bits;
  __builtin_memcpy(&mean_bits, &mean, sizeof(mean_bits));
  StoreU32(out + 8, mean_bits);
  StoreU32(out + 12, hello::g_data_word);
  int handle = semihost_open("output.bin", SEMIHOST_OPEN_WRITE);
  if (handle < 0) return false;
  bool ok = semihost_write(handle, out, sizeof(out)) == 0;
  return semihost_close(handle) == 0 && ok;
}

}  // namespace

int main() {
  board_uart_print("hello from ");
  board_uart_print(board_name());
  board_uart_print("\n");

  long size = ReadInput();
  if (size < 0) return 2;
  const uint32_t exit_status = LoadU32(g_buffer);
  const uint32_t spin_n = LoadU32(g_buffer + 4);
  const uint32_t intervals = LoadU32(g_buffer + 8);
  const uint32_t action = LoadU32(g_buffer + 12);
  const uint8_t* payload = g_buffer + kHeaderSize;
  const uint32_t payload_size = static_cast<uint32_t>(size) - kHeaderSize;

  uint32_t sum = 0;
  for (uint32_t i = 0; i < payload_size; ++i) sum += payload[i];
  const float mean = payload_size ? static_cast<float>(sum) / static_cast<float>(payload_size) : 0.0f;
  const uint32_t crc = Crc32(payload, payload_size);
  board_uart_print("payload crc ");
  PrintHex(crc);
  board_uart_print("\n");
  if (!WriteOutput(crc, payload_size, mean)) {
    board_uart_print("output.bin: cannot write\n");
    return 2;
  }

  for (uint32_t k = 0; k < intervals; ++k) {
    mote_count_start();
    spin_loop(spin_n);
    mote_count_stop();
  }

  switch (action) {
    case kEchoLine:
      EchoOneLine();
      break;
    case kFault:
      __asm__ volatile("udf #0");
      break;
    case kHang:
      for (;;) {
      }
    default:
      break;
  }
  board_uart_print("bye\n");
  return static_cast<int>(exit_status);
}
