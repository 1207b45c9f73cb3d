#include "common/stack_watermark.h"

/* From common/cortex_m.ld: the lowest address of the main stack. */
extern uint32_t __stack_bottom__[];

/* An odd, unlikely value: not 0, not a small integer, not a Thumb address
 * in this image or a float a DSP kernel would store. */
#define STACK_PAINT_WORD 0xC5E7A9B3u

/* noinline: the loop writes below this function's own stack pointer, which
 * is free (no red zone on Arm, no interrupts enabled), but must not be
 * inlined into a caller whose frame could be laid out differently. */
__attribute__((noinline)) uintptr_t mote_stack_paint(void) {
  uintptr_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  for (volatile uint32_t* p = __stack_bottom__; (uintptr_t)p < sp; ++p) *p = STACK_PAINT_WORD;
  return sp;
}

uint32_t mote_stack_bytes_used(uintptr_t mark) {
  const uint32_t* p = __stack_bottom__;
  while ((uintptr_t)p < mark && *p == STACK_PAINT_WORD) ++p;
  return (uintptr_t)p < mark ? (uint32_t)(mark - (uintptr_t)p) : 0u;
}
