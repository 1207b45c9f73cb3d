/* The part of QEMU's TCG plugin API (include/qemu/qemu-plugin.h, API
 * version 1, as in QEMU 7.2) that insn_count.c uses, declared here because
 * Debian's qemu-system-arm exports the functions but ships no header.
 *
 * Declarations follow the published API; the types must match it exactly,
 * since QEMU calls into the plugin and the plugin into QEMU across this
 * boundary. QEMU resolves the qemu_plugin_* functions when it dlopen()s the
 * plugin, so the plugin links against nothing. */
#ifndef MOTE_FIRMWARE_QEMU_PLUGIN_QEMU_PLUGIN_API_H_
#define MOTE_FIRMWARE_QEMU_PLUGIN_QEMU_PLUGIN_API_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))

/* The API version the plugin is built against; QEMU 7.2 accepts 0..1 and
 * reads it from the exported int `qemu_plugin_version`. */
#define QEMU_PLUGIN_VERSION 1

typedef uint64_t qemu_plugin_id_t;

typedef struct qemu_info_t {
  const char* target_name;
  struct {
    int min;
    int cur;
  } version;
  bool system_emulation;
  union {
    struct {
      int smp_vcpus;
      int max_vcpus;
    } system;
  };
} qemu_info_t;

struct qemu_plugin_tb;
struct qemu_plugin_insn;

enum qemu_plugin_cb_flags {
  QEMU_PLUGIN_CB_NO_REGS,
  QEMU_PLUGIN_CB_R_REGS,
  QEMU_PLUGIN_CB_RW_REGS,
};

enum qemu_plugin_op {
  QEMU_PLUGIN_INLINE_ADD_U64,
};

typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void* userdata);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void* userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb* tb);

/* Called by QEMU once, when it loads the plugin; returns 0 on success. argv
 * holds the "name=value" options given after the plugin's path and stays
 * valid while the plugin is loaded. */
QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t* info, int argc,
                                           char** argv);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn* insn, qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void* userdata);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn* insn, enum qemu_plugin_op op,
                                                void* ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void* userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb* tb);
struct qemu_plugin_insn* qemu_plugin_tb_get_insn(const struct qemu_plugin_tb* tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn* insn);
/* Writes to QEMU's log (stderr unless -D FILE). */
void qemu_plugin_outs(const char* string);

#endif /* MOTE_FIRMWARE_QEMU_PLUGIN_QEMU_PLUGIN_API_H_ */
