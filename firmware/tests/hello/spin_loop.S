/* spin_loop(n): n iterations of a two-instruction loop, so that the executed
 * instruction count is exactly 2 * n + 3 (cmp, beq, the loop, bx) whatever
 * the compiler does around the call. Thumb-1 only, so it also assembles for
 * Cortex-M0+. */
  .syntax unified
  .thumb
  .section .text.spin_loop, "ax", %progbits
  .global spin_loop
  .type spin_loop, %function
  .thumb_func
spin_loop:
  cmp r0, #0
  beq 2f
1:
  subs r0, r0, #1
  bne 1b
2:
  bx lr
  .size spin_loop, . - spin_loop
