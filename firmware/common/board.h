/* What every board in firmware/boards/ provides to the startup code and to
 * firmware: its name and its serial port (the UART a real device would use
 * for the data forwarder and logs).
 *
 * A board implements board_name, board_init, board_uart_write_byte,
 * board_uart_try_read and board_uart_read in boards/<name>/board.c;
 * board_uart_write and board_uart_print are built on them in
 * common/board_serial.c.
 *
 * All functions are for one thread of execution (there is no RTOS) and must
 * not be called from interrupt handlers. */
#ifndef MOTE_FIRMWARE_COMMON_BOARD_H_
#define MOTE_FIRMWARE_COMMON_BOARD_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The board's folder name, e.g. "mps2-an386". */
const char* board_name(void);

/* Brings up the serial port. The startup code calls it once, before static
 * constructors, so constructors may already write to the UART. */
void board_init(void);

/* Waits until the UART can take a byte, then sends `byte`. */
void board_uart_write_byte(uint8_t byte);

/* Returns true and stores a received byte in *byte when one is waiting;
 * returns false at once otherwise. */
bool board_uart_try_read(uint8_t* byte);

/* Waits for a received byte and returns it. Waits forever if none comes. */
uint8_t board_uart_read(void);

/* Sends `size` bytes; returns when the last one has been handed to the UART. */
void board_uart_write(const void* data, size_t size);

/* Sends the bytes of a NUL-terminated string (without the NUL). */
void board_uart_print(const char* text);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_FIRMWARE_COMMON_BOARD_H_ */
