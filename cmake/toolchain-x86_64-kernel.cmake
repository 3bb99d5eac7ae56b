# Toolchain for the freestanding x86-64 kernel: the host's g++ 12 in freestanding mode.
# Used by the kernel's own configure (kernel/CMakeLists.txt), never by the host build.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER gcc)
set(CMAKE_CXX_COMPILER g++)
set(CMAKE_ASM_COMPILER gcc)
# Nothing can be linked without our linker script, so CMake's test programs only compile.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

include("${CMAKE_CURRENT_LIST_DIR}/unientry-kernel-flags.cmake")
list(JOIN UNIENTRY_KERNEL_FLAGS " " UNIENTRY_KERNEL_FLAGS_STRING)
set(CMAKE_CXX_FLAGS_INIT "${UNIENTRY_KERNEL_FLAGS_STRING}")
set(CMAKE_ASM_FLAGS_INIT "-m64 -g")
