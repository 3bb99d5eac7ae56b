# unientry_add_kernel(): how a kernel is built on unientry, the same for a kernel author (through
# find_package(unientry), add_subdirectory or FetchContent) and for the project's own
# demonstration and test kernels (kernel/CMakeLists.txt). Whoever includes this file first sets:
#
#   UNIENTRY_INSPECT      the host init-plan checker (unientry-inspect)
#   UNIENTRY_MKBZIMAGE    the host bzImage writer (unientry-mkbzimage)
#   UNIENTRY_SETUP_ELF    the linked 16-bit setup the bzImage starts with
#   UNIENTRY_KERNEL_DEPENDS  targets a kernel link waits for (the framework's build), may be empty
#
# and provides the target unientry::kernel, whose usage requirements carry everything a kernel
# source needs: flags, the LINKTAB_SORTED_BY_LINKER_SCRIPT layout, include paths, the linker
# script and the framework's libraries.
include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/unientry-kernel-flags.cmake")

# Linking an archive whole, for GNU ld and lld. CMake knows WHOLE_ARCHIVE only for hosted
# platforms, not for the kernel toolchain's "Generic" system, so the kernel uses its own feature;
# a LINK_LIBRARY feature is looked up in the directory of the target being linked, which is why
# unientry_add_kernel() sets it in its caller's scope too.
macro(unientry_define_whole_archive_feature)
  set(CMAKE_LINK_LIBRARY_USING_UNIENTRY_WHOLE_ARCHIVE "LINKER:--whole-archive" "<LINK_ITEM>" "LINKER:--no-whole-archive")
  set(CMAKE_LINK_LIBRARY_USING_UNIENTRY_WHOLE_ARCHIVE_SUPPORTED TRUE)
endmacro()
unientry_define_whole_archive_feature()

# Gives `target` (an INTERFACE library, imported or not) the usage requirements of a unientry
# kernel linked with `linker_script`.
function(unientry_kernel_usage target linker_script)
  set_property(TARGET ${target} APPEND PROPERTY INTERFACE_COMPILE_OPTIONS ${UNIENTRY_KERNEL_FLAGS})
  set_property(TARGET ${target} APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS LINKTAB_SORTED_BY_LINKER_SCRIPT)
  set_property(TARGET ${target} APPEND PROPERTY INTERFACE_COMPILE_FEATURES cxx_std_20)
  set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_OPTIONS
               ${UNIENTRY_KERNEL_LINK_FLAGS} "-Wl,-T,${linker_script}")
  set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_DEPENDS "${linker_script}")
endfunction()

# unientry_add_kernel(NAME SOURCES file... [LIBRARIES lib...] [EXCLUDE_FROM_ALL] [NO_BZIMAGE]
#                     [QUIET])
#
# Compiles the sources with the kernel's usage requirements, links them with the framework
# (static LIBRARIES whole, so their init entries are not dropped), checks the init plan of the
# linked image (unientry-inspect; a kernel whose table is invalid or lost an entry never
# appears under its final name), seals the checked run order into it (the kernel confirms it
# at boot in O(n + d)) and writes, in the current binary directory:
#   NAME.elf       PVH and Multiboot 2 (and the Xen PV notes)
#   NAME.bzImage   Linux boot protocol 16/32/64-bit, Multiboot 1 and 2, PE32+ EFI application
#   NAME-mb1.bin   the bzImage's kernel part alone, for QEMU's Multiboot 1 loader
# QUIET makes the boot's init trace one summary line by default (unientry.quiet=0 undoes it).
# The target NAME builds all three.
function(unientry_add_kernel name)
  cmake_parse_arguments(ARG "EXCLUDE_FROM_ALL;NO_BZIMAGE;QUIET" "" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "unientry_add_kernel(${name}): no SOURCES (a kernel needs at least its KernelMain)")
  endif()
  foreach(variable UNIENTRY_INSPECT UNIENTRY_MKBZIMAGE UNIENTRY_SETUP_ELF)
    if(NOT ${variable})
      message(FATAL_ERROR "unientry_add_kernel(${name}): ${variable} is not set (use find_package(unientry))")
    endif()
  endforeach()

  set(CMAKE_LINK_LIBRARY_USING_UNIENTRY_WHOLE_ARCHIVE "LINKER:--whole-archive" "<LINK_ITEM>" "LINKER:--no-whole-archive"
      PARENT_SCOPE)
  set(CMAKE_LINK_LIBRARY_USING_UNIENTRY_WHOLE_ARCHIVE_SUPPORTED TRUE PARENT_SCOPE)
  set(unchecked ${name}.unchecked)
  add_executable(${unchecked} ${ARG_SOURCES})
  set_target_properties(${unchecked} PROPERTIES OUTPUT_NAME ${name}.unchecked.elf SUFFIX "")
  target_link_libraries(${unchecked} PRIVATE unientry::kernel)
  foreach(library IN LISTS ARG_LIBRARIES)
    target_link_libraries(${unchecked} PRIVATE "$<LINK_LIBRARY:UNIENTRY_WHOLE_ARCHIVE,${library}>")
  endforeach()
  if(ARG_QUIET)
    target_link_options(${unchecked} PRIVATE "-Wl,--defsym=unientry_quiet_by_default=1")
  endif()
  if(UNIENTRY_KERNEL_DEPENDS)
    add_dependencies(${unchecked} ${UNIENTRY_KERNEL_DEPENDS})
  endif()

  set(elf "${CMAKE_CURRENT_BINARY_DIR}/${name}.elf")
  add_custom_command(
    OUTPUT "${elf}"
    COMMAND "${UNIENTRY_INSPECT}" --seal "${elf}" "$<TARGET_FILE:${unchecked}>"
    DEPENDS ${unchecked} "${UNIENTRY_INSPECT}"
    COMMENT "Checking and sealing the init plan of ${name}.elf"
    VERBATIM)
  set(outputs "${elf}")
  if(NOT ARG_NO_BZIMAGE)
    set(bzimage "${CMAKE_CURRENT_BINARY_DIR}/${name}.bzImage")
    set(mb1 "${CMAKE_CURRENT_BINARY_DIR}/${name}-mb1.bin")
    add_custom_command(
      OUTPUT "${bzimage}" "${mb1}"
      COMMAND "${UNIENTRY_MKBZIMAGE}" "${UNIENTRY_SETUP_ELF}" "${elf}" "${bzimage}" --multiboot1 "${mb1}"
      DEPENDS "${elf}" "${UNIENTRY_MKBZIMAGE}" "${UNIENTRY_SETUP_ELF}"
      COMMENT "Writing ${name}.bzImage and ${name}-mb1.bin"
      VERBATIM)
    list(APPEND outputs "${bzimage}" "${mb1}")
  endif()
  if(ARG_EXCLUDE_FROM_ALL)
    set_target_properties(${unchecked} PROPERTIES EXCLUDE_FROM_ALL TRUE)
    add_custom_target(${name} DEPENDS ${outputs})
  else()
    add_custom_target(${name} ALL DEPENDS ${outputs})
  endif()
endfunction()
