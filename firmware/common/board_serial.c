/* The board-independent half of the serial port in common/board.h. */
#include "common/board.h"

void board_uart_write(const void* data, size_t size) {
  const uint8_t* bytes = (const uint8_t*)data;
  for (size_t i = 0; i < size; ++i) board_uart_write_byte(bytes[i]);
}

void board_uart_print(const char* text) {
  while (*text) board_uart_write_byte((uint8_t)*text++);
}
