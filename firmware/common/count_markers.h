/* Markers for the instruction-counting QEMU plugin (qemu-plugin/insn_count.c).
 *
 * The runner passes the addresses of these two functions to the plugin,
 * which then counts the guest instructions executed from the first
 * instruction of mote_count_start() (included) to the first instruction of
 * mote_count_stop() (excluded), for every such interval, and adds them up:
 *
 *   mote_count_start();
 *   run_one_inference();
 *   mote_count_stop();
 *
 * The count includes a small constant for the markers themselves (the return
 * from mote_count_start and the call of mote_count_stop: a few instructions,
 * fixed for a given build); subtract the count of an empty interval to
 * remove it. Outside QEMU they are empty calls. */
#ifndef MOTE_FIRMWARE_COMMON_COUNT_MARKERS_H_
#define MOTE_FIRMWARE_COMMON_COUNT_MARKERS_H_

#ifdef __cplusplus
extern "C" {
#endif

void mote_count_start(void);
void mote_count_stop(void);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_FIRMWARE_COMMON_COUNT_MARKERS_H_ */
