// SPDX-License-Identifier: MIT
#include "bootinfo/xen-pv.h"

#include "abi/xen.h"

namespace bootinfo {

namespace xen = bootabi::xen;

base::Result<> ConvertXenPv(const PhysicalMemory& memory, uint64_t start_info_address,
                            const Handoff& handoff, E820Scratch& scratch) {
  BeginHandoff(handoff, bootabi::BootEntry::kXenPv, bootabi::Firmware::kXenPv, start_info_address);
  bootabi::boot_params& params = *handoff.params;
  params.hdr.hardware_subarch = static_cast<uint32_t>(bootabi::HardwareSubarch::kXen);
  params.hdr.type_of_loader = static_cast<uint8_t>(static_cast<uint8_t>(bootabi::LoaderType::kXen) << 4);
  if (start_info_address == 0) return base::MakeError("start info address is 0 (absent)", "rsi");
  const auto info = TRY(memory.Read<xen::start_info>(start_info_address, "start_info"));
  handoff.descriptor->original_info_size = sizeof(info);
  handoff.descriptor->xen_pv_mfn_list = info.mfn_list;
  handoff.descriptor->xen_pv_nr_pages = info.nr_pages;
  handoff.descriptor->xen_pv_shared_info = info.shared_info;

  for (size_t i = 0; i + 1 < sizeof(xen::kStartInfoMagic); ++i) {
    if (info.magic[i] != xen::kStartInfoMagic[i]) {
      return base::AtIndex(base::MakeError("bad magic: expected \"xen-3.0-x86_64\"", "start_info.magic",
                                           static_cast<uint8_t>(xen::kStartInfoMagic[i]),
                                           static_cast<uint8_t>(info.magic[i])),
                           static_cast<int64_t>(i));
    }
  }
  // The vCPUs' time and events live there: the PV platform maps it by machine frame.
  if (info.shared_info == 0 || info.shared_info % 4096 != 0) {
    return base::MakeError("shared info is not a nonzero machine address aligned as a page", "start_info.shared_info", 4096,
                           info.shared_info);
  }
  if (info.nr_pages == 0 || info.nr_pages > kXenPvMaxPages) {
    return base::MakeError("memory size outside 1 page .. 64 TiB", "start_info.nr_pages", kXenPvMaxPages,
                           info.nr_pages);
  }

  // What Xen built in the initial mapping stays in use after the stub (xen.h, "start_info"):
  // the frame list the PV platform hands frames to Xen with, start_info's page (dom0's console
  // information) and the bootstrap page tables the kernel keeps running on. The map calls all
  // of pseudo-physical memory RAM, so they are kept as in use.
  if (info.mfn_list == 0 || !memory.Contains(info.mfn_list, info.nr_pages * sizeof(uint64_t))) {
    return base::MakeError("frame list not inside the initial mapping", "start_info.mfn_list",
                           memory.base() + memory.size(), info.mfn_list + info.nr_pages * sizeof(uint64_t));
  }
  if (info.nr_pt_frames == 0 || info.nr_pt_frames > info.nr_pages || (info.pt_base & 4095) != 0) {
    return base::MakeError("bootstrap page tables not page-aligned frames of the guest", "start_info.pt_base",
                           info.nr_pages, info.nr_pt_frames);
  }
  TRY(KeepLoaderRange(handoff, info.mfn_list, info.nr_pages * sizeof(uint64_t), "start_info.mfn_list"));
  TRY(KeepLoaderRange(handoff, start_info_address & ~uint64_t{4095}, 4096, "start_info"));
  TRY(KeepLoaderRange(handoff, info.pt_base, info.nr_pt_frames * 4096, "start_info.pt_base"));
  handoff.descriptor->xen_pv_pt_base = info.pt_base;

  // The command line is a fixed 1024-byte field that must hold its own NUL.
  size_t length = 0;
  while (length < xen::kMaxGuestCmdline && info.cmd_line[length] != '\0') ++length;
  if (length == xen::kMaxGuestCmdline) {
    return base::MakeError("not NUL-terminated inside its field", "start_info.cmd_line",
                           xen::kMaxGuestCmdline - 1, xen::kMaxGuestCmdline);
  }
  TRY(CopyCommandLine(memory, start_info_address + offsetof(xen::start_info, cmd_line),
                      handoff.command_line_capacity - 1, handoff, "start_info.cmd_line"));

  if (info.mod_len != 0) {
    if ((info.flags & xen::kSifModStartPfn) != 0) {
      return base::MakeError("module given as a PFN: the kernel does not request SIF_MOD_START_PFN",
                             "start_info.flags", 0, xen::kSifModStartPfn);
    }
    if (!memory.Contains(info.mod_start, info.mod_len)) {
      return base::MakeError("module outside the initial mapping", "start_info.mod_start",
                             memory.base() + memory.size(), info.mod_start + info.mod_len);
    }
    TRY(AddModule(handoff, info.mod_start, info.mod_len, "start_info.mod_start", 0));
  }

  // A PV guest's pseudo-physical memory is one range from 0: nr_pages pages of RAM.
  E820Builder builder = MemoryMapBuilder(handoff);
  builder.Add(0, info.nr_pages * 4096, static_cast<uint32_t>(bootabi::E820Type::kRam));
  FinishMemoryMap(handoff, builder, scratch);
  handoff.descriptor->memmap_entries_in = 1;
  return base::Ok{};
}

}  // namespace bootinfo
