// SPDX-License-Identifier: MIT
#include "platform/pvclock.h"

namespace platform {

uint64_t PvclockNanoseconds(const bootabi::xen::vcpu_time_info& time, uint64_t tsc) {
  uint64_t delta = tsc - time.tsc_timestamp;
  if (time.tsc_shift >= 0) {
    delta <<= time.tsc_shift;
  } else {
    delta >>= -time.tsc_shift;
  }
  return time.system_time + static_cast<uint64_t>((static_cast<unsigned __int128>(delta) * time.tsc_to_system_mul) >> 32);
}

// ns per tick = 2^shift * mul / 2^32, so Hz = 10^9 * 2^32 / (mul * 2^shift).
uint64_t PvclockTscHz(const bootabi::xen::vcpu_time_info& time) {
  if (time.tsc_to_system_mul == 0) return 0;
  unsigned __int128 hz = (static_cast<unsigned __int128>(1000000000) << 32) / time.tsc_to_system_mul;
  if (time.tsc_shift >= 0) {
    hz >>= time.tsc_shift;
  } else {
    hz <<= -time.tsc_shift;
  }
  return static_cast<uint64_t>(hz);
}

}  // namespace platform
