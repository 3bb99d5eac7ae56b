# find_package(unientry CONFIG): build kernels on unientry.
#
#   find_package(unientry CONFIG REQUIRED)
#   unientry_add_kernel(hello SOURCES main.cc)
#
# Provides unientry_add_kernel() (unientry-kernel.cmake), the target unientry::kernel and the
# installed tools: UNIENTRY_INSPECT, UNIENTRY_MATRIX, UNIENTRY_MKBZIMAGE, UNIENTRY_BOOT_SCRIPT
# (boot-qemu.sh), UNIENTRY_ROWS (the default boot matrix), UNIENTRY_LINUX64_LOADER.
get_filename_component(_unientry_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
include("${CMAKE_CURRENT_LIST_DIR}/unientry-framework.cmake")
unientry_import_framework(
  LIBRARY_DIR "${_unientry_prefix}/lib/unientry"
  INCLUDE_DIRS "${_unientry_prefix}/include" "${_unientry_prefix}/include/unientry/lib"
  LINKER_SCRIPT "${_unientry_prefix}/lib/unientry/linker.ld")
set(UNIENTRY_INSPECT "${_unientry_prefix}/bin/unientry-inspect")
set(UNIENTRY_MATRIX "${_unientry_prefix}/bin/unientry-matrix")
set(UNIENTRY_MKBZIMAGE "${_unientry_prefix}/bin/unientry-mkbzimage")
set(UNIENTRY_SETUP_ELF "${_unientry_prefix}/lib/unientry/setup.elf")
set(UNIENTRY_LINUX64_LOADER "${_unientry_prefix}/lib/unientry/linux64-loader.elf")
set(UNIENTRY_BOOT_SCRIPT "${_unientry_prefix}/share/unientry/boot-qemu.sh")
set(UNIENTRY_ROWS "${_unientry_prefix}/share/unientry/matrix.tsv")
set(UNIENTRY_KERNEL_DEPENDS "")
if(NOT TARGET linktab::linktab)
  include("${_unientry_prefix}/lib/cmake/linktab/linktab-config.cmake")
endif()
unset(_unientry_prefix)
