/* common/board.h for the Arm MPS2/MPS3 FPGA images, whose serial port is a
 * CMSDK APB UART (drivers/cmsdk_apb_uart.h). A board's board.cmake compiles
 * this file with three definitions (MOTE_BOARD_DEFINITIONS):
 *
 *   MOTE_BOARD_NAME          the board's folder name, a string literal
 *   MOTE_CMSDK_UART0_BASE    UART0's address, as the core reaches it
 *   MOTE_CMSDK_UART_CLOCK_HZ the clock the UART's baud divisor divides
 *
 * QEMU ignores the baud rate but keeps the transmitter off while the divisor
 * is below 16, so the clock must be about right. */
#include "common/board.h"
#include "drivers/cmsdk_apb_uart.h"

#if !defined(MOTE_BOARD_NAME) || !defined(MOTE_CMSDK_UART0_BASE) || !defined(MOTE_CMSDK_UART_CLOCK_HZ)
#error "define MOTE_BOARD_NAME, MOTE_CMSDK_UART0_BASE and MOTE_CMSDK_UART_CLOCK_HZ (see the board's board.cmake)"
#endif

enum { kBaudRate = 115200u };

const char* board_name(void) { return MOTE_BOARD_NAME; }

void board_init(void) { cmsdk_apb_uart_init(MOTE_CMSDK_UART0_BASE, MOTE_CMSDK_UART_CLOCK_HZ / kBaudRate); }

void board_uart_write_byte(uint8_t byte) { cmsdk_apb_uart_write_byte(MOTE_CMSDK_UART0_BASE, byte); }

bool board_uart_try_read(uint8_t* byte) { return cmsdk_apb_uart_try_read_byte(MOTE_CMSDK_UART0_BASE, byte); }

uint8_t board_uart_read(void) { return cmsdk_apb_uart_read_byte(MOTE_CMSDK_UART0_BASE); }
