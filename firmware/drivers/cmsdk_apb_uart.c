#include "drivers/cmsdk_apb_uart.h"

enum {
  kData = 0x00,
  kState = 0x04,
  kCtrl = 0x08,
  kBaudDiv = 0x10,
};
enum {
  kStateTxFull = 1u << 0,
  kStateRxFull = 1u << 1,
  kCtrlTxEnable = 1u << 0,
  kCtrlRxEnable = 1u << 1,
};

/* SysTick (ARMv6-M/ARMv7-M/ARMv8-M system timer): control and status,
 * reload value, current value. */
static const uintptr_t kSysTickCsr = 0xE000E010u;
static const uintptr_t kSysTickRvr = 0xE000E014u;
static const uintptr_t kSysTickCvr = 0xE000E018u;
enum {
  kSysTickEnable = 1u << 0,
  kSysTickProcessorClock = 1u << 2,
  /* 2500 cycles: 100 us at the MPS2's 25 MHz. */
  kSysTickWakeReload = 2499,
};

static volatile uint32_t* reg(uintptr_t address) { return (volatile uint32_t*)address; }

void cmsdk_apb_uart_init(uintptr_t base, uint32_t baud_divisor) {
  *reg(base + kBaudDiv) = baud_divisor;
  *reg(base + kCtrl) = kCtrlTxEnable | kCtrlRxEnable;
}

void cmsdk_apb_uart_write_byte(uintptr_t base, uint8_t byte) {
  while (*reg(base + kState) & kStateTxFull) {
  }
  *reg(base + kData) = byte;
}

bool cmsdk_apb_uart_try_read_byte(uintptr_t base, uint8_t* byte) {
  if (!(*reg(base + kState) & kStateRxFull)) return false;
  *byte = (uint8_t)*reg(base + kData);
  return true;
}

uint8_t cmsdk_apb_uart_read_byte(uintptr_t base) {
  uint8_t byte;
  if (cmsdk_apb_uart_try_read_byte(base, &byte)) return byte;
  const uint32_t saved_csr = *reg(kSysTickCsr);
  const uint32_t saved_rvr = *reg(kSysTickRvr);
  *reg(kSysTickCsr) = 0;
  *reg(kSysTickRvr) = kSysTickWakeReload;
  *reg(kSysTickCvr) = 0;
  *reg(kSysTickCsr) = kSysTickEnable | kSysTickProcessorClock;
  while (!cmsdk_apb_uart_try_read_byte(base, &byte)) {
  }
  *reg(kSysTickCsr) = 0;
  *reg(kSysTickRvr) = saved_rvr;
  *reg(kSysTickCsr) = saved_csr;
  return byte;
}
