// SPDX-License-Identifier: MIT
// Source of build/kernel/generated/asm-offsets.h: the ABI offsets, sizes and constants
// assembly needs, taken from the C++ structs and headers. Compiled to assembly text only (never linked); each OFFSET()
// leaves a "->NAME VALUE" marker that cmake/asm-offsets.cmake turns into a #define.
#include <cstddef>

#include "abi/boot-descriptor.h"
#include "abi/boot-params.h"
#include "abi/e820.h"
#include "abi/efi.h"
#include "abi/elf-relocation.h"
#include "abi/multiboot1.h"
#include "abi/multiboot2.h"
#include "abi/hvm-start-info.h"
#include "abi/xen.h"
#include "arch/x86/ap-trampoline.h"
#include "arch/x86/cpu.h"
#include "arch/x86/ports.h"
#include "unientry/exit.h"

#define DEFINE(name, value) \
  __asm__ volatile("\n.ascii \"->" #name " %0\"" ::"n"(static_cast<unsigned long>(value)))
#define OFFSET(name, type, member) DEFINE(name, offsetof(type, member))
#define HEADER_OFFSET(name, member) \
  DEFINE(name, offsetof(bootabi::boot_params, hdr) + offsetof(bootabi::setup_header, member))

void GenerateAsmOffsets() {
  DEFINE(BOOT_PARAMS_SIZE, sizeof(bootabi::boot_params));
  OFFSET(BP_e820_entries, bootabi::boot_params, e820_entries);
  OFFSET(BP_e820_table, bootabi::boot_params, e820_table);
  OFFSET(BP_hdr, bootabi::boot_params, hdr);
  OFFSET(BP_scratch, bootabi::boot_params, scratch);
  DEFINE(SETUP_HEADER_SIZE, sizeof(bootabi::setup_header));
  HEADER_OFFSET(BP_loadflags, loadflags);
  HEADER_OFFSET(BP_heap_end_ptr, heap_end_ptr);
  HEADER_OFFSET(BP_code32_start, code32_start);
  HEADER_OFFSET(BP_jump, jump);
  HEADER_OFFSET(BP_cmd_line_ptr, cmd_line_ptr);
  DEFINE(E820_ENTRY_SIZE, sizeof(bootabi::boot_e820_entry));
  DEFINE(E820_MAX_ENTRIES_ZEROPAGE, bootabi::kE820MaxEntriesZeroPage);
  DEFINE(E820_SIGNATURE, bootabi::kE820Signature);
  DEFINE(XEN_ELFNOTE_PHYS32_ENTRY, bootabi::kXenElfNotePhys32Entry);
  DEFINE(COM1_PORT, arch::kCom1);
  DEFINE(UART_LINE_STATUS, arch::kUartLineStatus);
  DEFINE(UART_TRANSMITTER_EMPTY, arch::kUartTransmitterEmpty);
  DEFINE(ISA_DEBUG_EXIT_PORT, arch::kIsaDebugExitPort);
  DEFINE(KBC_STATUS, arch::kKbcStatus);
  DEFINE(KBC_DATA, arch::kKbcData);
  DEFINE(KBC_WRITE_OUTPUT_PORT, arch::kKbcWriteOutputPort);
  DEFINE(KBC_OUTPUT_A20_ON, arch::kKbcOutputA20On);
  DEFINE(KBC_OUTPUT_A20_OFF, arch::kKbcOutputA20Off);
  DEFINE(KBC_NULL_COMMAND, arch::kKbcNullCommand);
  DEFINE(KBC_OUTPUT_FULL, arch::kKbcOutputFull);
  DEFINE(KBC_INPUT_FULL, arch::kKbcInputFull);
  DEFINE(SYSTEM_CONTROL_A, arch::kSystemControlA);
  DEFINE(SYSTEM_CONTROL_A20, arch::kSystemControlA20);
  DEFINE(SYSTEM_CONTROL_RESET, arch::kSystemControlReset);
  DEFINE(CMOS_INDEX, arch::kCmosIndex);
  DEFINE(IO_DELAY_PORT, arch::kIoDelayPort);
  DEFINE(CMOS_NMI_DISABLE, arch::kCmosNmiDisable);
  DEFINE(STATUS_FAIL, unientry::Status::kFail);
#define AP_FIELD(name, member) \
  DEFINE(name, arch::kApTrampolineDataOffset + offsetof(arch::ApTrampolineData, member))
  DEFINE(AP_TRAMPOLINE_DATA, arch::kApTrampolineDataOffset);
  AP_FIELD(AP_TRAMPOLINE_GDT_POINTER, gdt_limit);
  AP_FIELD(AP_TRAMPOLINE_TO_PROTECTED_MODE, to_protected_mode);
  AP_FIELD(AP_TRAMPOLINE_TO_LONG_MODE, to_long_mode);
  AP_FIELD(AP_TRAMPOLINE_CR3, cr3);
  AP_FIELD(AP_TRAMPOLINE_CR4_SET, cr4_set);
  AP_FIELD(AP_TRAMPOLINE_EFER_SET, efer_set);
  AP_FIELD(AP_TRAMPOLINE_NEXT_SLOT, next_slot);
  AP_FIELD(AP_TRAMPOLINE_ENTRY, entry);
  AP_FIELD(AP_TRAMPOLINE_STACKS, stacks);
  AP_FIELD(AP_TRAMPOLINE_STACK_BYTES, stack_bytes);
  DEFINE(CPUID_EXTENDED_MAX, arch::kCpuidExtendedMaxLeaf);
  DEFINE(CPUID_EXTENDED_FEATURES, arch::kCpuidExtendedFeatures);
  DEFINE(CPUID_EXTENDED_EDX_LM_BIT, arch::kCpuidExtendedEdxLongModeBit);
  DEFINE(CR0_PE, arch::kCr0Pe);
  DEFINE(CR0_PG, arch::kCr0Pg);
  DEFINE(CR4_PAE, arch::kCr4Pae);
  DEFINE(CR4_LA57, arch::kCr4La57);
  DEFINE(MSR_EFER, arch::kMsrEfer);
  DEFINE(EFER_LME, arch::kEferLme);
  DEFINE(PAGE_PRESENT_WRITABLE, arch::kPagePresent | arch::kPageWritable);
  DEFINE(PAGE_HUGE, arch::kPageHuge);
  DEFINE(BOOT_ENTRY_LINUX16, bootabi::BootEntry::kLinux16);
  DEFINE(BOOT_ENTRY_LINUX32, bootabi::BootEntry::kLinux32);
  DEFINE(BOOT_ENTRY_LINUX64, bootabi::BootEntry::kLinux64);
  DEFINE(BOOT_ENTRY_MULTIBOOT1, bootabi::BootEntry::kMultiboot1);
  DEFINE(BOOT_ENTRY_MULTIBOOT2, bootabi::BootEntry::kMultiboot2);
  DEFINE(XEN_ELFNOTE_ENTRY, bootabi::xen::kElfNoteEntry);
  DEFINE(XEN_ELFNOTE_HYPERCALL_PAGE, bootabi::xen::kElfNoteHypercallPage);
  DEFINE(XEN_ELFNOTE_VIRT_BASE, bootabi::xen::kElfNoteVirtBase);
  DEFINE(XEN_ELFNOTE_PADDR_OFFSET, bootabi::xen::kElfNotePaddrOffset);
  DEFINE(XEN_ELFNOTE_XEN_VERSION, bootabi::xen::kElfNoteXenVersion);
  DEFINE(XEN_ELFNOTE_GUEST_OS, bootabi::xen::kElfNoteGuestOs);
  DEFINE(XEN_ELFNOTE_LOADER, bootabi::xen::kElfNoteLoader);
  DEFINE(MULTIBOOT1_HEADER_SIZE, sizeof(bootabi::multiboot1::multiboot_header));
  DEFINE(MULTIBOOT1_HEADER_MAGIC, bootabi::multiboot1::kHeaderMagic);
  DEFINE(MULTIBOOT1_AOUT_KLUDGE, bootabi::multiboot1::kAoutKludge);
  DEFINE(MULTIBOOT2_HEADER_MAGIC, bootabi::multiboot2::kHeaderMagic);
  DEFINE(MULTIBOOT2_BOOTLOADER_MAGIC, bootabi::multiboot2::kBootloaderMagic);
  DEFINE(MULTIBOOT1_BOOTLOADER_MAGIC, bootabi::multiboot1::kBootloaderMagic);
  DEFINE(MULTIBOOT2_ARCHITECTURE_I386, bootabi::multiboot2::kArchitectureI386);
  DEFINE(MULTIBOOT2_HEADER_TAG_END, bootabi::multiboot2::kHeaderTagEnd);
  DEFINE(MULTIBOOT2_HEADER_TAG_INFORMATION_REQUEST, bootabi::multiboot2::kHeaderTagInformationRequest);
  DEFINE(MULTIBOOT2_HEADER_TAG_ADDRESS, bootabi::multiboot2::kHeaderTagAddress);
  DEFINE(MULTIBOOT2_HEADER_TAG_ENTRY_ADDRESS, bootabi::multiboot2::kHeaderTagEntryAddress);
  DEFINE(MULTIBOOT2_HEADER_TAG_RELOCATABLE, bootabi::multiboot2::kHeaderTagRelocatable);
  DEFINE(MULTIBOOT2_HEADER_TAG_RELOCATABLE_SIZE, sizeof(bootabi::multiboot2::header_tag_relocatable));
  DEFINE(MULTIBOOT2_LOAD_PREFERENCE_HIGH, bootabi::multiboot2::kLoadPreferenceHigh);
  DEFINE(MULTIBOOT2_TAG_CMDLINE, bootabi::multiboot2::kTagCmdline);
  DEFINE(MULTIBOOT2_TAG_BOOT_LOADER_NAME, bootabi::multiboot2::kTagBootLoaderName);
  DEFINE(MULTIBOOT2_TAG_MODULE, bootabi::multiboot2::kTagModule);
  DEFINE(MULTIBOOT2_TAG_BASIC_MEMINFO, bootabi::multiboot2::kTagBasicMeminfo);
  DEFINE(MULTIBOOT2_TAG_MMAP, bootabi::multiboot2::kTagMmap);
  DEFINE(MULTIBOOT2_TAG_FRAMEBUFFER, bootabi::multiboot2::kTagFramebuffer);
  DEFINE(MULTIBOOT2_TAG_ACPI_OLD, bootabi::multiboot2::kTagAcpiOld);
  DEFINE(MULTIBOOT2_TAG_ACPI_NEW, bootabi::multiboot2::kTagAcpiNew);
  DEFINE(ELF64_RELA_SIZE, sizeof(bootabi::elf64_rela));
  OFFSET(ELF64_RELA_r_offset, bootabi::elf64_rela, r_offset);
  OFFSET(ELF64_RELA_r_info, bootabi::elf64_rela, r_info);
  DEFINE(R_X86_64_RELATIVE, bootabi::kRX8664Relative);
  OFFSET(ELF64_RELA_r_addend, bootabi::elf64_rela, r_addend);
  OFFSET(EFI_SYSTEM_TABLE_BootServices, bootabi::efi::EFI_SYSTEM_TABLE, BootServices);
  OFFSET(EFI_BOOT_SERVICES_AllocatePages, bootabi::efi::EFI_BOOT_SERVICES, AllocatePages);
  OFFSET(EFI_BOOT_SERVICES_FreePages, bootabi::efi::EFI_BOOT_SERVICES, FreePages);
  DEFINE(EFI_ALLOCATE_ADDRESS, bootabi::efi::EFI_ALLOCATE_TYPE::AllocateAddress);
  DEFINE(EFI_LOADER_DATA, bootabi::efi::EFI_MEMORY_TYPE::EfiLoaderData);
}
