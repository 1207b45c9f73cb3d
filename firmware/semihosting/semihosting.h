/* Arm semihosting: file access and exit status through the debugger, or here
 * through QEMU (-semihosting-config enable=on,target=native). Each call is a
 * `bkpt 0xAB` with the operation in r0 and a parameter block in r1, as the
 * "Semihosting for AArch32 and AArch64" specification defines.
 *
 * Paths are the host's, relative to QEMU's working directory. On a real
 * board without a debugger attached, the first call stops the core with a
 * breakpoint fault: only emulated or debug builds may use this.
 *
 * Operations used: SYS_OPEN, SYS_CLOSE, SYS_WRITE0, SYS_WRITE, SYS_READ,
 * SYS_SEEK, SYS_FLEN, SYS_EXIT_EXTENDED. */
#ifndef MOTE_FIRMWARE_SEMIHOSTING_SEMIHOSTING_H_
#define MOTE_FIRMWARE_SEMIHOSTING_SEMIHOSTING_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SYS_OPEN modes (the specification's fopen() mode index). */
enum semihost_open_mode {
  SEMIHOST_OPEN_READ = 1,   /* "rb" */
  SEMIHOST_OPEN_WRITE = 5,  /* "wb": create or truncate */
  SEMIHOST_OPEN_APPEND = 9, /* "ab" */
};

/* Opens the host file `path`; returns a handle (>= 0) or -1. */
int semihost_open(const char* path, enum semihost_open_mode mode);

/* Closes a handle; returns 0 or -1. */
int semihost_close(int handle);

/* Reads up to `size` bytes; returns how many were read (fewer at the end of
 * the file), or -1 on error. */
long semihost_read(int handle, void* buffer, size_t size);

/* Writes `size` bytes; returns 0 when all were written, -1 otherwise. */
int semihost_write(int handle, const void* data, size_t size);

/* Moves to absolute byte `position`; returns 0 or -1. */
int semihost_seek(int handle, size_t position);

/* Returns the file's length in bytes, or -1. */
long semihost_file_length(int handle);

/* Prints a NUL-terminated string on the host's debug console (QEMU's stderr
 * unless -semihosting-config chardev= says otherwise). */
void semihost_print(const char* text);

/* Ends the program: QEMU exits with `status` (0-255 on POSIX hosts). */
__attribute__((noreturn)) void semihost_exit(int status);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_FIRMWARE_SEMIHOSTING_SEMIHOSTING_H_ */
