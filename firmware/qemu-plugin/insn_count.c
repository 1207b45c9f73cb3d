/* insn_count: a QEMU TCG plugin that counts executed guest instructions
 * exactly, in total and between two marker addresses.
 *
 *   qemu-system-arm ... -plugin insn_count.so,out=counts.txt,start=0x1ec,stop=0x1ee
 *
 * Options (all optional):
 *   out=PATH    write the counts to PATH (default: QEMU's log, i.e. stderr)
 *   start=ADDR  guest address (0x-prefixed hex, or decimal) of the
 *               instruction that opens a counted interval
 *   stop=ADDR   address of the instruction that closes it; start and stop
 *               come together and differ
 *   profile=PATH  also count every instruction address separately and write
 *               one line per address executed to PATH at exit:
 *               "0xADDR total marked" (decimal counts; marked as above, 0
 *               without markers), in no particular order; the host maps
 *               addresses to functions (src/deploy/qemu_runner.h)
 *
 * Output, one "key=value" line each, written when QEMU exits:
 *   insns_total=N    guest instructions executed from reset to exit
 *   insns_marked=N   over every closed interval, the instructions executed
 *                    from the start instruction (included) to the stop
 *                    instruction (excluded)
 *   intervals=N      closed intervals
 *   open_interval=B  1 if QEMU exited inside an interval (not in insns_marked)
 * A start inside an interval, and a stop outside one, are ignored.
 *
 * What counts as executed: every instruction QEMU starts, including one that
 * fails its condition (Thumb IT blocks) and one that raises an exception
 * (the semihosting bkpt, a faulting load). These are instructions, not
 * cycles: pipeline, wait states and multi-cycle instructions are not modeled.
 *
 * Each instruction adds 1 to the total through an inline TCG op; the two
 * marker instructions do it in a callback instead, which also opens or
 * closes the interval, so each callback sees exactly the instructions before
 * its own. The counters are plain integers: the plugin refuses more than one
 * vCPU. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_plugin_api.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static uint64_t total_insns;
static uint64_t marked_insns;
static uint64_t closed_intervals;
static uint64_t interval_begin;  /* total_insns when the open interval began */
static bool inside_interval;

static bool have_markers;
static uint64_t start_address;
static uint64_t stop_address;
static const char* out_path;      /* points into argv, valid while loaded */
static const char* profile_path;  /* likewise; NULL: no profile */

/* The profile: one counter per guest instruction address, found through an
 * open-addressing table of pointers. Entries are allocated one by one and
 * never move, because the inline TCG ops hold their counters' addresses; the
 * table of pointers is rehashed as it fills. An instruction translated again
 * (a new TB starting in the middle of an old one) keeps its entry. */
struct address_count {
  uint64_t address;
  uint64_t count;     /* executions since reset */
  uint64_t at_start;  /* count when the open interval began */
  uint64_t marked;    /* executions inside closed intervals */
};
static struct address_count** profile_table;
static size_t profile_capacity; /* a power of two, or 0 */
static size_t profile_entries;

static size_t profile_slot(struct address_count** table, size_t capacity, uint64_t address) {
  size_t slot = (size_t)((address >> 1) * 0x9E3779B97F4A7C15ull) & (capacity - 1);
  while (table[slot] && table[slot]->address != address) slot = (slot + 1) & (capacity - 1);
  return slot;
}

/* The counter of `address`, created on first use; NULL if out of memory. */
static struct address_count* profile_entry(uint64_t address) {
  if (2 * (profile_entries + 1) > profile_capacity) {
    size_t capacity = profile_capacity ? 2 * profile_capacity : 4096;
    struct address_count** table = calloc(capacity, sizeof(*table));
    if (!table) return NULL;
    for (size_t i = 0; i < profile_capacity; ++i)
      if (profile_table[i]) table[profile_slot(table, capacity, profile_table[i]->address)] = profile_table[i];
    free(profile_table);
    profile_table = table;
    profile_capacity = capacity;
  }
  size_t slot = profile_slot(profile_table, profile_capacity, address);
  if (!profile_table[slot]) {
    struct address_count* entry = calloc(1, sizeof(*entry));
    if (!entry) return NULL;
    entry->address = address;
    profile_table[slot] = entry;
    ++profile_entries;
  }
  return profile_table[slot];
}

/* The marker callbacks also snapshot (start) and settle (stop) the profile:
 * a pass over every entry, twice per interval. */
static void on_start_marker(unsigned int vcpu_index, void* userdata) {
  (void)vcpu_index;
  (void)userdata;
  if (!inside_interval) {
    inside_interval = true;
    interval_begin = total_insns;
    for (size_t i = 0; i < profile_capacity; ++i)
      if (profile_table[i]) profile_table[i]->at_start = profile_table[i]->count;
  }
  ++total_insns;
}

static void on_stop_marker(unsigned int vcpu_index, void* userdata) {
  (void)vcpu_index;
  (void)userdata;
  if (inside_interval) {
    inside_interval = false;
    marked_insns += total_insns - interval_begin;
    ++closed_intervals;
    for (size_t i = 0; i < profile_capacity; ++i)
      if (profile_table[i]) profile_table[i]->marked += profile_table[i]->count - profile_table[i]->at_start;
  }
  ++total_insns;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb* tb) {
  (void)id;
  size_t n = qemu_plugin_tb_n_insns(tb);
  for (size_t i = 0; i < n; ++i) {
    struct qemu_plugin_insn* insn = qemu_plugin_tb_get_insn(tb, i);
    uint64_t address = have_markers ? qemu_plugin_insn_vaddr(insn) : 0;
    if (have_markers && address == start_address) {
      qemu_plugin_register_vcpu_insn_exec_cb(insn, on_start_marker, QEMU_PLUGIN_CB_NO_REGS, NULL);
    } else if (have_markers && address == stop_address) {
      qemu_plugin_register_vcpu_insn_exec_cb(insn, on_stop_marker, QEMU_PLUGIN_CB_NO_REGS, NULL);
    } else {
      qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &total_insns, 1);
      if (profile_path) {
        /* Out of memory: the instruction is missing from the profile, which
         * then sums to less than insns_total. */
        struct address_count* entry = profile_entry(qemu_plugin_insn_vaddr(insn));
        if (entry) qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &entry->count, 1);
      }
    }
  }
}

/* Writes the profile to profile_path; false on failure. */
static bool write_profile(void) {
  FILE* out = fopen(profile_path, "w");
  if (!out) return false;
  bool written = true;
  for (size_t i = 0; i < profile_capacity && written; ++i) {
    const struct address_count* e = profile_table[i];
    if (e && e->count)
      written = fprintf(out, "0x%" PRIx64 " %" PRIu64 " %" PRIu64 "\n", e->address, e->count, e->marked) > 0;
  }
  return fclose(out) == 0 && written;
}

static void on_exit(qemu_plugin_id_t id, void* userdata) {
  (void)id;
  (void)userdata;
  if (profile_path && !write_profile()) {
    char message[64 + FILENAME_MAX];
    snprintf(message, sizeof(message), "insn_count: cannot write %s\n", profile_path);
    qemu_plugin_outs(message);
  }
  char text[160];
  snprintf(text, sizeof(text),
           "insns_total=%" PRIu64 "\ninsns_marked=%" PRIu64 "\nintervals=%" PRIu64 "\nopen_interval=%d\n",
           total_insns, marked_insns, closed_intervals, inside_interval ? 1 : 0);
  if (!out_path) {
    qemu_plugin_outs(text);
    return;
  }
  FILE* out = fopen(out_path, "w");
  bool written = out && fputs(text, out) >= 0;
  if (out && fclose(out) != 0) written = false;
  if (!written) {
    char message[64 + FILENAME_MAX];
    snprintf(message, sizeof(message), "insn_count: cannot write %s\n", out_path);
    qemu_plugin_outs(message);
  }
}

/* Parses a whole "0x..." or decimal number; false if anything else. */
static bool parse_address(const char* text, uint64_t* value) {
  if (*text == '\0') return false;
  char* end = NULL;
  unsigned long long parsed = strtoull(text, &end, 0);
  if (*end != '\0') return false;
  *value = (uint64_t)parsed;
  return true;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t* info, int argc,
                                           char** argv) {
  if (info->system_emulation && info->system.max_vcpus > 1) {
    fprintf(stderr, "insn_count: counts one vCPU, but the machine has up to %d\n", info->system.max_vcpus);
    return -1;
  }
  bool have_start = false, have_stop = false;
  for (int i = 0; i < argc; ++i) {
    const char* arg = argv[i];
    if (strncmp(arg, "out=", 4) == 0 && arg[4] != '\0') {
      out_path = arg + 4;
    } else if (strncmp(arg, "start=", 6) == 0 && parse_address(arg + 6, &start_address)) {
      have_start = true;
    } else if (strncmp(arg, "stop=", 5) == 0 && parse_address(arg + 5, &stop_address)) {
      have_stop = true;
    } else if (strncmp(arg, "profile=", 8) == 0 && arg[8] != '\0') {
      profile_path = arg + 8;
    } else {
      fprintf(stderr, "insn_count: bad option '%s' (expected out=PATH, start=ADDR, stop=ADDR, profile=PATH)\n",
              arg);
      return -1;
    }
  }
  if (have_start != have_stop || (have_start && start_address == stop_address)) {
    fprintf(stderr, "insn_count: start= and stop= come together and must differ\n");
    return -1;
  }
  have_markers = have_start;
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  qemu_plugin_register_atexit_cb(id, on_exit, NULL);
  return 0;
}
