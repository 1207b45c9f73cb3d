# Arm MPS2 with the AN500 FPGA image (Cortex-M7, double-precision FPU),
# emulated by QEMU's mps2-an500 machine: the AN386's memory map and UART
# (checked with QEMU 7.2's `info mtree -f`). Read by firmware/CMakeLists.txt.
set(MOTE_BOARD_CPU cortex-m7)
set(MOTE_BOARD_QEMU_MACHINE mps2-an500)
set(MOTE_BOARD_SOURCES ${MOTE_FIRMWARE_DIR}/common/cmsdk_board.c ${MOTE_FIRMWARE_DIR}/drivers/cmsdk_apb_uart.c)
set(MOTE_BOARD_DEFINITIONS MOTE_BOARD_NAME="mps2-an500" MOTE_CMSDK_UART0_BASE=0x40004000u
    MOTE_CMSDK_UART_CLOCK_HZ=25000000u)
