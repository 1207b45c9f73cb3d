# Arm MPS2+ with the AN505 FPGA image (Cortex-M33 with TrustZone and FPv5-SP,
# in an IoT Kit subsystem), emulated by QEMU's mps2-an505 machine. The core
# starts in the secure state and mote's firmware stays there (memory.ld).
# UART0 sits behind a peripheral protection controller at 0x40200000, with
# its secure alias at 0x50200000, which secure firmware uses; QEMU clocks
# the AN505's peripherals at 20 MHz. Read by firmware/CMakeLists.txt.
set(MOTE_BOARD_CPU cortex-m33)
set(MOTE_BOARD_QEMU_MACHINE mps2-an505)
set(MOTE_BOARD_SOURCES ${MOTE_FIRMWARE_DIR}/common/cmsdk_board.c ${MOTE_FIRMWARE_DIR}/drivers/cmsdk_apb_uart.c)
set(MOTE_BOARD_DEFINITIONS MOTE_BOARD_NAME="mps2-an505" MOTE_CMSDK_UART0_BASE=0x50200000u
    MOTE_CMSDK_UART_CLOCK_HZ=20000000u)
