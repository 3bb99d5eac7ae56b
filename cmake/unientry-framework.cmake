# The framework's freestanding libraries as imported targets, wherever they were built: an
# installed package (unientry-config.cmake) or the kernel sub-build of a source tree that a
# consumer added with add_subdirectory or FetchContent (the top-level CMakeLists.txt).
include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/unientry-kernel.cmake")

# unientry_import_framework(LIBRARY_DIR dir INCLUDE_DIRS dir... LINKER_SCRIPT file)
# Defines unientry::kernel-runtime, -bootinfo, -inittab, -platform, -frames, -acpi (STATIC IMPORTED) and
# unientry::kernel, the target a kernel links against.
function(unientry_import_framework)
  cmake_parse_arguments(ARG "" "LIBRARY_DIR;LINKER_SCRIPT" "INCLUDE_DIRS" ${ARGN})
  if(TARGET unientry::kernel)
    return()
  endif()
  foreach(library runtime bootinfo inittab platform frames acpi)
    add_library(unientry::kernel-${library} STATIC IMPORTED GLOBAL)
    set_target_properties(unientry::kernel-${library} PROPERTIES
      IMPORTED_LOCATION "${ARG_LIBRARY_DIR}/libunientry_${library}.a")
  endforeach()
  add_library(unientry::kernel INTERFACE IMPORTED GLOBAL)
  set_property(TARGET unientry::kernel PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${ARG_INCLUDE_DIRS})
  # The runtime is linked whole: its init entries and platforms are referenced only by the
  # linker tables. The libraries after it resolve what it uses.
  set_property(TARGET unientry::kernel PROPERTY INTERFACE_LINK_LIBRARIES
    "$<LINK_LIBRARY:UNIENTRY_WHOLE_ARCHIVE,unientry::kernel-runtime>"
    unientry::kernel-bootinfo unientry::kernel-inittab unientry::kernel-platform unientry::kernel-frames unientry::kernel-acpi unientry::kernel-bootinfo gcc)
  unientry_kernel_usage(unientry::kernel "${ARG_LINKER_SCRIPT}")
endfunction()
