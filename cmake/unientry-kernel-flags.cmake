# The flags every unientry kernel object is compiled and linked with: the framework's own (the
# kernel toolchain, cmake/toolchain-x86_64-kernel.cmake) and a kernel author's (the usage
# requirements of unientry::kernel, cmake/unientry-kernel.cmake). One list, two users.
set(UNIENTRY_KERNEL_FLAGS
    -m64
    -ffreestanding          # no hosted library; the framework provides memcpy and friends
    -fno-exceptions -fno-rtti
    -fno-threadsafe-statics -fno-use-cxa-atexit  # no guards or atexit without a runtime
    -mno-red-zone           # exception frames are pushed on the interrupted stack
    -mgeneral-regs-only     # no SSE or x87: nothing enables or saves that state
    -fno-pic -fno-pie       # linked at a fixed address
    -mcmodel=small          # everything lies below 2 GiB
    -fno-stack-protector -fcf-protection=none
    -fno-asynchronous-unwind-tables
    -ffunction-sections -fdata-sections
    -g                      # DWARF for the crash report's symbolizer; never loaded
)

# How a kernel is linked, besides its linker script (-T) and the framework's libraries.
set(UNIENTRY_KERNEL_LINK_FLAGS
    -nostdlib -static -no-pie
    -Wl,--orphan-handling=error   # a section the script does not place is an error, naming it
    -Wl,--gc-sections
    -Wl,--build-id=none
    -Wl,-z,max-page-size=4096
    -Wl,-z,noexecstack
    -Wl,--no-warn-rwx-segments
)
