# Arm MPS2 with the AN386 FPGA image (Cortex-M4F), emulated by QEMU's
# mps2-an386 machine. Read by firmware/CMakeLists.txt. UART0 is the CMSDK APB
# UART at 0x40004000, clocked from the 25 MHz system clock.
set(MOTE_BOARD_CPU cortex-m4)
set(MOTE_BOARD_QEMU_MACHINE mps2-an386)
set(MOTE_BOARD_SOURCES ${MOTE_FIRMWARE_DIR}/common/cmsdk_board.c ${MOTE_FIRMWARE_DIR}/drivers/cmsdk_apb_uart.c)
set(MOTE_BOARD_DEFINITIONS MOTE_BOARD_NAME="mps2-an386" MOTE_CMSDK_UART0_BASE=0x40004000u
    MOTE_CMSDK_UART_CLOCK_HZ=25000000u)
