// SPDX-License-Identifier: MIT
// A plain non-PIE executable: a well-formed x86-64 ELF that is not a unientry kernel.
int main() { return 0; }
