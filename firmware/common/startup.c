#include "common/startup.h"

#include <stdint.h>

#include "common/board.h"
#include "semihosting/semihosting.h"

/* From common/cortex_m.ld. */
extern uint32_t __data_load__[], __data_start__[], __data_end__[];
extern uint32_t __bss_start__[], __bss_end__[];
extern uint32_t __stack_top__[];
extern void (*__preinit_array_start[])(void);
extern void (*__preinit_array_end[])(void);
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

int main(void);
void Reset_Handler(void);
void mote_report_fault(const uint32_t* frame);

void Reset_Handler(void) {
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  /* CPACR: full access to coprocessors 10 and 11 (the FPU, and MVE on M55).
   * Until then any floating-point instruction faults, so this comes first. */
  *(volatile uint32_t*)0xE000ED88u |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
  for (uint32_t *src = __data_load__, *dst = __data_start__; dst < __data_end__;) *dst++ = *src++;
  for (uint32_t* dst = __bss_start__; dst < __bss_end__;) *dst++ = 0;
  board_init();
  for (void (**f)(void) = __preinit_array_start; f < __preinit_array_end; ++f) (*f)();
  for (void (**f)(void) = __init_array_start; f < __init_array_end; ++f) (*f)();
  semihost_exit(main());
}

/* Appends `value` as 8 hex digits at `out`; returns the end. */
static char* append_hex(char* out, uint32_t value) {
  for (int shift = 28; shift >= 0; shift -= 4) *out++ = "0123456789abcdef"[(value >> shift) & 0xFu];
  return out;
}

static char* append_text(char* out, const char* text) {
  while (*text) *out++ = *text++;
  return out;
}

/* `frame` is the exception stack frame: r0-r3, r12, lr, pc, xPSR. */
void mote_report_fault(const uint32_t* frame) {
  uint32_t ipsr;
  __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
  char line[64];
  char* end = append_text(line, "mote: fault: exception ");
  uint32_t exception = ipsr & 0x1FFu;
  char digits[4];
  int n = 0;
  do {
    digits[n++] = (char)('0' + exception % 10);
    exception /= 10;
  } while (exception != 0);
  while (n > 0) *end++ = digits[--n];
  end = append_text(end, ", pc 0x");
  end = append_hex(end, frame[6]);
  end = append_text(end, "\n");
  *end = '\0';
  semihost_print(line);
  semihost_exit(MOTE_EXIT_STATUS_FAULT);
}

/* Finds the stack the exception frame was pushed on (bit 2 of EXC_RETURN in
 * lr: 0 = main stack, 1 = process stack) and hands the frame to
 * mote_report_fault. Written with Thumb-1 instructions so that it also
 * assembles for Cortex-M0+. */
__attribute__((naked)) static void fault_handler(void) {
  __asm__ volatile(
      "movs r0, #4\n\t"
      "mov r1, lr\n\t"
      "tst r0, r1\n\t"
      "beq 1f\n\t"
      "mrs r0, psp\n\t"
      "b 2f\n"
      "1:\n\t"
      "mrs r0, msp\n"
      "2:\n\t"
      "ldr r1, =mote_report_fault\n\t"
      "bx r1\n\t"
      ".ltorg");
}

/* A vector is either the initial stack pointer or a handler. */
typedef union {
  const void* stack_top;
  void (*handler)(void);
} vector;

/* The 16 system exceptions of ARMv6-M/ARMv7-M/ARMv8-M; the boards enable no
 * interrupts, so no IRQ vectors follow. */
__attribute__((section(".vectors"), used)) static const vector vector_table[16] = {
    {.stack_top = __stack_top__},
    {.handler = Reset_Handler},
    {.handler = fault_handler}, /* NMI */
    {.handler = fault_handler}, /* HardFault */
    {.handler = fault_handler}, /* MemManage */
    {.handler = fault_handler}, /* BusFault */
    {.handler = fault_handler}, /* UsageFault */
    {.handler = fault_handler}, /* SecureFault (ARMv8-M) */
    {.handler = 0},
    {.handler = 0},
    {.handler = 0},
    {.handler = fault_handler}, /* SVCall */
    {.handler = fault_handler}, /* DebugMonitor */
    {.handler = 0},
    {.handler = fault_handler}, /* PendSV */
    {.handler = fault_handler}, /* SysTick */
};

/* C++ registers the destructor of every static object with __cxa_atexit.
 * The firmware ends with semihost_exit() (or never ends), so destructors
 * never run; not registering them saves newlib's exit machinery. */
void* __dso_handle = 0;
int __cxa_atexit(void (*destructor)(void*), void* object, void* dso);
int __cxa_atexit(void (*destructor)(void*), void* object, void* dso) {
  (void)destructor;
  (void)object;
  (void)dso;
  return 0;
}
