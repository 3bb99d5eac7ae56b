# find_package(linktab CONFIG): the header-only linker-table library, target linktab::linktab,
# and linktab_link_entries() for static libraries that hold entries.
get_filename_component(_linktab_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET linktab::linktab)
  add_library(linktab::linktab INTERFACE IMPORTED)
  set_target_properties(linktab::linktab PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_linktab_prefix}/include"
                                                    INTERFACE_COMPILE_FEATURES cxx_std_20)
endif()
include("${CMAKE_CURRENT_LIST_DIR}/linktab-link.cmake")
unset(_linktab_prefix)
