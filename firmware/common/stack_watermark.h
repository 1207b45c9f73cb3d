/* Stack high-water measurement by painting: how many bytes of the main stack
 * a piece of code used at its deepest.
 *
 *   uintptr_t mark = mote_stack_paint();
 *   run_block();
 *   uint32_t bytes = mote_stack_bytes_used(mark);
 *
 * mote_stack_paint fills the free part of the main stack (from its lowest
 * address up to the stack pointer) with a pattern word; afterwards the
 * lowest word that no longer holds it is the deepest point reached.
 * The result is exact to within a few words (the two calls' own frames), and
 * can undercount only if the code happened to store the pattern word itself
 * at its deepest point. Exceptions taken in between count too (the boards
 * enable no interrupts). Single-threaded, main stack only. */
#ifndef MOTE_FIRMWARE_COMMON_STACK_WATERMARK_H_
#define MOTE_FIRMWARE_COMMON_STACK_WATERMARK_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Paints the unused main stack and returns the stack pointer: the mark from
 * which mote_stack_bytes_used measures. */
uintptr_t mote_stack_paint(void);

/* Bytes of stack below `mark` (from mote_stack_paint) written since it was
 * painted, i.e. the deepest the stack went below the mark; 0 if none. */
uint32_t mote_stack_bytes_used(uintptr_t mark);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_FIRMWARE_COMMON_STACK_WATERMARK_H_ */
