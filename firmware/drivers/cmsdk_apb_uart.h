/* Arm CMSDK APB UART: the UART of the MPS2/MPS3 FPGA images (AN385, AN386,
 * AN500, AN505, AN547, ...), at a base address that depends on the image.
 *
 * Registers (32-bit, offsets from the base): DATA 0x00, STATE 0x04 (bit 0 TX
 * buffer full, bit 1 RX buffer full), CTRL 0x08 (bit 0 TX enable, bit 1 RX
 * enable), INTSTATUS 0x0C, BAUDDIV 0x10. One byte of buffering each way, no
 * FIFO; these functions poll, no interrupts. */
#ifndef MOTE_FIRMWARE_DRIVERS_CMSDK_APB_UART_H_
#define MOTE_FIRMWARE_DRIVERS_CMSDK_APB_UART_H_

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Sets the baud divisor (peripheral clock / baud rate, at least 16) and
 * enables the transmitter and the receiver. */
void cmsdk_apb_uart_init(uintptr_t base, uint32_t baud_divisor);

/* Waits until the transmit buffer is free, then sends `byte`. */
void cmsdk_apb_uart_write_byte(uintptr_t base, uint8_t byte);

/* Takes the received byte into *byte and returns true if there is one;
 * returns false at once otherwise. */
bool cmsdk_apb_uart_try_read_byte(uintptr_t base, uint8_t* byte);

/* Waits for a received byte and returns it.
 *
 * While it waits, SysTick runs free (no interrupt; its previous setting is
 * restored afterwards). QEMU 7.2's model of this UART does not wake QEMU's
 * main loop when the guest reads DATA, so after the first byte the host side
 * of the serial port would not be polled again until some timer fires; the
 * SysTick timer is that timer, every 100 us of guest time. On hardware it
 * costs nothing. */
uint8_t cmsdk_apb_uart_read_byte(uintptr_t base);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_FIRMWARE_DRIVERS_CMSDK_APB_UART_H_ */
