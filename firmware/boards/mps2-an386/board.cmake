# Arm MPS2 with the AN386 FPGA image (Cortex-M4F), emulated by QEMU's
# mps2-an386 machine. Read by firmware/CMakeLists.txt.
set(MOTE_BOARD_CPU cortex-m4)
set(MOTE_BOARD_QEMU_MACHINE mps2-an386)
set(MOTE_BOARD_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/board.c
    ${MOTE_FIRMWARE_DIR}/drivers/cmsdk_apb_uart.c)
