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
    -fpie                   # position independent: the kernel runs wherever a loader puts it
    -mcmodel=small          # the image is smaller than 2 GiB (RIP-relative reach)
    -fno-stack-protector -fcf-protection=none
    -fno-asynchronous-unwind-tables
    -ffunction-sections -fdata-sections
    -g                      # DWARF for the crash report's symbolizer; never loaded
)

# How a kernel is linked, besides its linker script (-T) and the framework's libraries.
set(UNIENTRY_KERNEL_LINK_FLAGS
    -nostdlib -static-pie         # linked at 1 MiB, relocated at boot when loaded elsewhere
    -Wl,-z,text                   # no relocation in code or read-only data: 32-bit code is PIC
    -Wl,--orphan-handling=error   # a section the script does not place is an error, naming it
    -Wl,--gc-sections
    -Wl,--build-id=none
    -Wl,-z,max-page-size=4096
    -Wl,-z,noexecstack
    -Wl,--no-warn-rwx-segments
)
