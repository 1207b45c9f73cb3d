#include "semihosting/semihosting.h"

#include <string.h>

/* Operation numbers from the semihosting specification. */
enum {
  kSysOpen = 0x01,
  kSysClose = 0x02,
  kSysWrite0 = 0x04,
  kSysWrite = 0x05,
  kSysRead = 0x06,
  kSysSeek = 0x0A,
  kSysFlen = 0x0C,
  kSysExitExtended = 0x20,
};
/* SYS_EXIT_EXTENDED's reason for a normal exit; the host then exits with the
 * subcode that follows it. */
static const uintptr_t kAdpStoppedApplicationExit = 0x20026;

/* The host reads and may write the memory that `argument` points to, hence
 * the "memory" clobber. */
static intptr_t call(uintptr_t operation, const void* argument) {
  register uintptr_t r0 __asm__("r0") = operation;
  register const void* r1 __asm__("r1") = argument;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return (intptr_t)r0;
}

int semihost_open(const char* path, enum semihost_open_mode mode) {
  const uintptr_t block[3] = {(uintptr_t)path, (uintptr_t)mode, strlen(path)};
  return (int)call(kSysOpen, block);
}

int semihost_close(int handle) {
  const uintptr_t block[1] = {(uintptr_t)handle};
  return call(kSysClose, block) == 0 ? 0 : -1;
}

long semihost_read(int handle, void* buffer, size_t size) {
  const uintptr_t block[3] = {(uintptr_t)handle, (uintptr_t)buffer, size};
  /* The host returns the number of bytes it did NOT read. */
  intptr_t not_read = call(kSysRead, block);
  if (not_read < 0 || (size_t)not_read > size) return -1;
  return (long)(size - (size_t)not_read);
}

int semihost_write(int handle, const void* data, size_t size) {
  const uintptr_t block[3] = {(uintptr_t)handle, (uintptr_t)data, size};
  /* The host returns the number of bytes it did NOT write. */
  return call(kSysWrite, block) == 0 ? 0 : -1;
}

int semihost_seek(int handle, size_t position) {
  const uintptr_t block[2] = {(uintptr_t)handle, position};
  return call(kSysSeek, block) == 0 ? 0 : -1;
}

long semihost_file_length(int handle) {
  const uintptr_t block[1] = {(uintptr_t)handle};
  return (long)call(kSysFlen, block);
}

void semihost_print(const char* text) { call(kSysWrite0, text); }

void semihost_exit(int status) {
  const uintptr_t block[2] = {kAdpStoppedApplicationExit, (uintptr_t)status};
  call(kSysExitExtended, block);
  /* Only reached without a semihosting host; nothing else can be done. */
  for (;;) {
  }
}
