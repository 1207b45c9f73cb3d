/* Arm MPS2 with the AN386 FPGA image (Cortex-M4F), as QEMU's mps2-an386
 * models it. The serial port is CMSDK APB UART0 at 0x40004000, clocked from
 * the 25 MHz system clock. */
#include "common/board.h"
#include "drivers/cmsdk_apb_uart.h"

enum {
  kUart0Base = 0x40004000u,
  kPeripheralClockHz = 25000000u,
  kBaudRate = 115200u,
};

const char* board_name(void) { return "mps2-an386"; }

void board_init(void) { cmsdk_apb_uart_init(kUart0Base, kPeripheralClockHz / kBaudRate); }

void board_uart_write_byte(uint8_t byte) { cmsdk_apb_uart_write_byte(kUart0Base, byte); }

bool board_uart_try_read(uint8_t* byte) { return cmsdk_apb_uart_try_read_byte(kUart0Base, byte); }

uint8_t board_uart_read(void) { return cmsdk_apb_uart_read_byte(kUart0Base); }
