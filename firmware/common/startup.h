/* The startup code every Cortex-M board shares (common/startup.c).
 *
 * At reset it enables the FPU (on cores that have one), copies .data from
 * flash, zeroes .bss, calls board_init(), runs the static constructors, calls
 * main() and ends the program by semihosting with main's return value as
 * the exit status. Static objects are never destroyed.
 *
 * Every exception other than reset is a fault here (no interrupts are
 * enabled): the handler prints "mote: fault: exception N, pc 0x........" on
 * the semihosting console and exits with MOTE_EXIT_STATUS_FAULT.
 *
 * There is no heap: _sbrk is not defined, so firmware that calls malloc (or
 * pulls in newlib code that does) fails to link. */
#ifndef MOTE_FIRMWARE_COMMON_STARTUP_H_
#define MOTE_FIRMWARE_COMMON_STARTUP_H_

/* The exit status of a firmware that took a fault (254). */
#define MOTE_EXIT_STATUS_FAULT 254

#endif /* MOTE_FIRMWARE_COMMON_STARTUP_H_ */
