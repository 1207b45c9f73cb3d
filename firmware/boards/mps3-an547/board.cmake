# Arm MPS3 with the AN547 FPGA image (Cortex-M55 with MVE and FPv5, in an
# SSE-300 subsystem), emulated by QEMU's mps3-an547 machine. The core starts
# in the secure state and mote's firmware stays there (memory.ld). UART0 is
# at 0x49303000, with its secure alias at 0x59303000, which secure firmware
# uses; QEMU clocks the AN547's APB peripherals at 25 MHz. Read by
# firmware/CMakeLists.txt.
set(MOTE_BOARD_CPU cortex-m55)
set(MOTE_BOARD_QEMU_MACHINE mps3-an547)
set(MOTE_BOARD_SOURCES ${MOTE_FIRMWARE_DIR}/common/cmsdk_board.c ${MOTE_FIRMWARE_DIR}/drivers/cmsdk_apb_uart.c)
set(MOTE_BOARD_DEFINITIONS MOTE_BOARD_NAME="mps3-an547" MOTE_CMSDK_UART0_BASE=0x59303000u
    MOTE_CMSDK_UART_CLOCK_HZ=25000000u)
