// SPDX-License-Identifier: MIT
// unientry-matrix: boots one build through every row of a boot matrix (tests/boot/matrix.tsv)
// under QEMU, in parallel, and proves each boot did what the image's init plan says for its
// boot environment. Each boot runs through tests/boot/boot-qemu.sh, the one place that knows
// how to start each loader; a new loader is a new value there and a new row here.
//
// Exit status: 0 when every selected row passed (or was skipped), 1 otherwise, 2 on bad input.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "image/elf-image.h"
#include "image/init-table.h"
#include "image/plan.h"
#include "image/symbolizer.h"
#include "image/trace.h"
#include "matrix/facts.h"
#include "matrix/rows.h"
#include "matrix/timeline.h"

namespace {

namespace fs = std::filesystem;

// The boot data every row gets (where its loader can take it).
constexpr const char* kFactsCommandLine = "console=ttyS0 unientry.matrix=facts";
constexpr uint64_t kFactsInitrdSize = 123457;

struct Options {
  std::string rows, build, script, only, keep_logs, svg, facts;
  std::string kernel, linux64_loader, xen, kexec, expect = "ok", append;
  unsigned jobs = 0;
  bool json = false, fast_only = false, cost = false, quiet_boot = false;
  int timeout = 60;
  uint64_t initrd_size = kFactsInitrdSize;  // 0: no initrd
  unsigned cpus = 2;  // -smp for every row (Xen: dom0_max_vcpus too)
};

struct Result {
  matrix::Row row;
  std::string classification;  // pass, diverged, fail, panic, crash, triple-fault, hang, error, skipped
  std::string detail;
  double seconds = 0;
  image::BootLog log;
  std::vector<std::string> differences;
  std::string crash_symbol;  // the crash report's rip, symbolized from the kernel's DWARF
  std::string memory;        // QEMU's -m for the boot, as boot-qemu.sh reports it
  matrix::Facts facts;
  std::vector<std::string> declared;  // differences from the machine's facts that facts.tsv declares
};

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Runs argv with stdout and stderr to `output`; returns the exit status (or -1).
int Run(const std::vector<std::string>& argv, const fs::path& output) {
  const pid_t child = fork();
  if (child == 0) {
    const int fd = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (child < 0 || waitpid(child, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The kernel's three files: KERNEL.elf, KERNEL.bzImage and KERNEL-mb1.bin (unientry_add_kernel).
std::string ImagePath(const Options& options, const matrix::Row& row) {
  if (row.image == "mb1.bin") return options.kernel + "-mb1.bin";
  return options.kernel + "." + row.image;
}

// What a boot that did what the plan says is called, by the status it ended with.
std::string PassName(const std::string& outcome, bool test_guest) {
  if (outcome == "ok") return test_guest ? "test-success" : "pass";
  return outcome;  // test-skip, test-failure, test-error; fail, panic, crash when expected
}

void CheckCpus(const Options& options, const image::InitTable& table, const std::vector<uint32_t>& order,
               uint32_t environment, Result& result);

unsigned RowCpus(const Options& options, const matrix::Row& row) {
  return row.cpus > 0 ? static_cast<unsigned>(row.cpus) : options.cpus;
}

Result Boot(const Options& options, const matrix::Row& row, const fs::path& logs, const image::InitTable& table,
            const std::vector<uint32_t>& order) {
  Result result{row, "", "", 0, {}, {}, "", "", {}, {}};
  const fs::path serial = logs / (row.name + ".log"), output = logs / (row.name + ".out");
  // A row that needs Xen, with no Xen image given (a kernel booted from an installed
  // package): skipped, saying how to run it. A Xen image given but missing is an error.
  if (row.loader.rfind("xen", 0) == 0 && options.xen.empty()) {
    result.classification = "skipped";
    result.detail = "no Xen image: give --xen PATH (unientry's ./unientry setup fetches Xen 4.17 into BUILD/xen)";
    return result;
  }
  if (row.loader.rfind("kexec:", 0) == 0 && options.kexec.empty()) {
    result.classification = "skipped";
    result.detail = "no kexec root: give --kexec DIR (unientry's ./unientry setup makes Debian's kernel and the "
                    "kexec initramfs in BUILD/kexec)";
    return result;
  }
  std::string loader = row.loader;
  if (loader == "linux64" || loader == "linux64-multiboot2") loader += ":" + options.linux64_loader;
  std::vector<std::string> argv = {"bash", options.script, "--machine", row.machine, "--kernel", ImagePath(options, row),
                                   "--loader", loader, "--firmware", row.firmware == "uefi" ? "efi" : "bios",
                                   "--xen", options.xen, "--kexec", options.kexec, "--expect", options.expect,
                                   "--timeout", std::to_string(options.timeout), "--log", serial.string(), "--quiet",
                                   "--expect-line", "^unientry: (entry " + row.entry + "$|init-summary " + row.entry + "/)"};
  // Every row gets the same boot data, so that their handoff facts can be compared: where the
  // loader can take them, this command line and an initrd of kFactsInitrdSize bytes.
  std::string command_line = options.append.empty() ? std::string(kFactsCommandLine) : options.append;
  if (options.quiet_boot) command_line += " unientry.quiet";
  argv.insert(argv.end(), {"--append", command_line, "--optional-boot-data"});
  if (options.initrd_size != 0) argv.insert(argv.end(), {"--initrd-size", std::to_string(options.initrd_size)});
  const unsigned cpus = RowCpus(options, row);
  std::string qemu_args = cpus > 1 ? fmt::format("-smp {}", cpus) : "";
  if (options.cost) qemu_args += std::string(qemu_args.empty() ? "" : " ") + "-icount shift=0,sleep=off";
  if (!qemu_args.empty()) argv.insert(argv.end(), {"--qemu-args", qemu_args});
  if (cpus > 1 && row.loader.rfind("xen", 0) == 0) {
    argv.insert(argv.end(), {"--xen-args", fmt::format("dom0_max_vcpus={}", cpus)});
  }
  const auto start = std::chrono::steady_clock::now();
  const int status = Run(argv, output);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string verdict = ReadFile(output);
  result.log = image::ParseBootLog(ReadFile(serial));

  std::smatch match;
  const std::string outcome = std::regex_search(verdict, match, std::regex("outcome=([^ ]+)")) ? match[1].str() : "";
  if (std::regex_search(verdict, match, std::regex("time=([0-9.]+)s"))) result.seconds = std::stod(match[1].str());
  if (std::regex_search(verdict, match, std::regex("memory=([^ \n]+)"))) result.memory = match[1].str();
  result.facts = matrix::ParseFacts(ReadFile(serial));
  if (status == 77) {
    result.classification = "skipped";
    result.detail = verdict.substr(0, verdict.find('\n'));
    return result;
  }
  const bool expected = outcome == options.expect;
  if (outcome == "timeout") result.classification = "hang";
  if (outcome == "triple-fault") result.classification = "triple-fault";
  if (outcome == "crash" && !expected) {
    result.classification = "crash";
    result.detail = result.log.crash_lines.empty() ? "" : result.log.crash_lines.front();
  }
  if ((outcome == "panic" || outcome == "fail" || outcome.rfind("test-", 0) == 0) && !expected) {
    result.classification = outcome;
    result.detail = result.log.status_message;
  }
  if (result.classification.empty() && status != 0) {
    result.classification = expected ? "fail" : "error";
    const size_t problem = verdict.find("  - ");
    result.detail = problem == std::string::npos ? verdict.substr(0, verdict.find('\n'))
                                                 : verdict.substr(problem + 4, verdict.find('\n', problem) - problem - 4);
  }
  if (!result.classification.empty()) return result;

  // The environment is the row's; the kernel must have found the same firmware under it.
  const uint32_t environment = image::EnvironmentFromNames(row.entry, row.firmware);
  if (result.log.firmware != row.firmware) {
    result.differences.push_back(fmt::format("firmware: the row says {}, the kernel found {}", row.firmware,
                                             result.log.firmware.empty() ? "(no firmware line)" : result.log.firmware));
  }
  // The trace, where the boot printed one, and the summary line every boot prints. A boot
  // expected to stop early (crash, panic, fail) is checked as far as it went.
  const bool stops_early = outcome == "crash" || outcome == "panic" || outcome == "fail";
  if (!result.log.trace.empty()) {
    std::vector<uint32_t> planned = order;
    if (stops_early && planned.size() > result.log.trace.size()) planned.resize(result.log.trace.size());
    const auto trace_differences = image::CompareTraceWithPlan(table, planned, environment, result.log.trace);
    result.differences.insert(result.differences.end(), trace_differences.begin(), trace_differences.end());
  }
  if (!stops_early) {
    const auto summary_differences = image::CompareSummaryWithPlan(table, order, environment, result.log);
    result.differences.insert(result.differences.end(), summary_differences.begin(), summary_differences.end());
    CheckCpus(options, table, order, environment, result);
  }
  result.classification = result.differences.empty() ? PassName(outcome, result.log.test_guest) : "diverged";
  if (!result.differences.empty()) result.detail = result.differences.front();
  return result;
}

// Every CPU the row was given is online, and each AP's trace is the per-CPU plan, where the
// plan starts APs (its "smp" entry is not excluded); an AP's trace is checked wherever there is one.
void CheckCpus(const Options& options, const image::InitTable& table, const std::vector<uint32_t>& order,
               uint32_t environment, Result& result) {
  bool starts_aps = false;
  for (const image::PlannedStep& step : image::PlanFor(table, order, environment)) {
    // The entries that start APs: "smp" (INIT-SIPI) and "xen-pv-smp" (Xen PV's vCPU operations).
    const std::string& name = table.entries()[step.node].name;
    if ((name == "smp" || name == "xen-pv-smp") && step.action != image::StepAction::kExcluded) starts_aps = true;
  }
  const unsigned cpus = RowCpus(options, result.row);
  if (starts_aps && cpus > 1 && result.log.cpus_online != static_cast<int64_t>(cpus)) {
    result.differences.push_back(fmt::format("cpus: the row has {}, {} online", cpus,
                                             result.log.cpus_online < 0 ? std::string("(no smp line)")
                                                                        : std::to_string(result.log.cpus_online)));
  }
  const uint32_t expected_aps = starts_aps ? cpus - 1 : 0;
  for (uint32_t cpu = 1; cpu <= std::max<uint32_t>(expected_aps, result.log.cpus.empty() ? 0 : result.log.cpus.rbegin()->first); ++cpu) {
    const auto differences = image::CompareCpuTraceWithPlan(table, order, environment, result.log, cpu);
    result.differences.insert(result.differences.end(), differences.begin(), differences.end());
  }
}

std::string Cost(const Result& result, const std::string& from, const std::string& to) {
  uint64_t a = 0, b = 0;
  bool have_a = false, have_b = false;
  for (const auto& [name, value] : result.log.costs) {
    if (name == from) a = value, have_a = true;
    if (name == to) b = value, have_b = true;
  }
  return have_a && have_b && b >= a ? std::to_string(b - a) : "-";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Boots a build through every row of a boot matrix and checks each trace against the plan"};
  Options options;
  app.add_option("--rows", options.rows, "the matrix (tests/boot/matrix.tsv)")->required();
  app.add_option("--build", options.build, "unientry's build directory: the defaults of --kernel, --linux64-loader, --xen");
  app.add_option("--kernel", options.kernel,
                 "the kernel to boot, as unientry_add_kernel wrote it: PREFIX.elf, PREFIX.bzImage and PREFIX-mb1.bin "
                 "(default: BUILD/kernel/unientry)");
  app.add_option("--linux64-loader", options.linux64_loader, "the 64-bit protocol loader for linux64 rows "
                                                             "(default: BUILD/kernel/linux64-loader.elf)");
  app.add_option("--xen", options.xen, "the Xen image for xen rows (default: BUILD/xen/xen-4.17)");
  app.add_option("--kexec", options.kexec, "Debian's kernel and the kexec initramfs for kexec rows "
                                           "(default: BUILD/kexec)");
  app.add_option("--expect", options.expect, "the status every boot must end with: ok (default), fail, panic, crash, "
                                             "test-skip, test-failure or test-error");
  app.add_option("--boot-script", options.script, "tests/boot/boot-qemu.sh")->required();
  app.add_option("--jobs,-j", options.jobs, "boots at once (default: the number of cores)");
  app.add_option("--only", options.only, "run the rows whose name matches this regular expression");
  app.add_flag("--fast", options.fast_only, "run only the rows marked fast");
  app.add_option("--keep-logs", options.keep_logs, "keep every serial log and verdict in this directory");
  app.add_flag("--json", options.json, "print the results as JSON (schema unientry-matrix/2) instead of a table");
  app.add_flag("--cost", options.cost, "boot under -icount shift=0,sleep=off and report instruction counts");
  app.add_option("--svg", options.svg, "write a boot timeline (SVG) here");
  app.add_option("--append", options.append, fmt::format("the kernel command line of every boot (default: \"{}\")",
                                                         kFactsCommandLine));
  app.add_option("--initrd-size", options.initrd_size,
                 fmt::format("the initrd every boot gets where its loader takes one, in bytes (default {}; 0: none)",
                             kFactsInitrdSize));
  app.add_option("--facts", options.facts, "the declared differences between the handoff facts of one machine's boots "
                                           "(default: facts.tsv beside --rows, if there is one)");
  app.add_flag("--quiet-boot", options.quiet_boot, "boot with unientry.quiet: the init trace is one summary line");
  app.add_option("--timeout", options.timeout, "seconds per boot");
  app.add_option("--cpus", options.cpus, "CPUs every row's machine gets (-smp; Xen rows: dom0_max_vcpus too); "
                                         "each must come online with its trace the per-CPU plan (default 2)");
  CLI11_PARSE(app, argc, argv);
  if (options.kernel.empty() && options.build.empty()) {
    fmt::print(stderr, "error: give --kernel PREFIX (or --build DIR for unientry's own kernel)\n");
    return 2;
  }
  if (options.kernel.empty()) options.kernel = (fs::path(options.build) / "kernel" / "unientry").string();
  if (options.linux64_loader.empty() && !options.build.empty()) {
    options.linux64_loader = (fs::path(options.build) / "kernel" / "linux64-loader.elf").string();
  }
  if (options.xen.empty() && !options.build.empty()) options.xen = (fs::path(options.build) / "xen" / "xen-4.17").string();
  if (options.kexec.empty() && !options.build.empty()) options.kexec = (fs::path(options.build) / "kexec").string();
  if (options.jobs == 0) options.jobs = std::max(1u, std::thread::hardware_concurrency());

  std::vector<matrix::Row> rows;
  try {
    rows = matrix::ReadRows(options.rows);
  } catch (const std::runtime_error& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 2;
  }
  std::vector<matrix::Row> selected;
  const std::regex only(options.only.empty() ? ".*" : options.only);
  for (const auto& row : rows) {
    if ((!options.fast_only || row.speed == "fast") && std::regex_search(row.name, only)) selected.push_back(row);
  }
  if (selected.empty()) {
    fmt::print(stderr, "error: no row of {} matches\n", options.rows);
    return 2;
  }

  std::optional<image::ElfImage> elf;
  std::optional<image::InitTable> table;
  image::PlanResult plan;
  try {
    elf.emplace(image::ElfImage::Open(options.kernel + ".elf"));
    table.emplace(image::InitTable::Read(*elf));
    plan = image::CheckAndOrder(*table);
  } catch (const image::ImageError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 2;
  }
  if (!plan.errors.empty()) {
    fmt::print(stderr, "error: the image's init plan is invalid: {}\n", plan.errors.front());
    return 2;
  }

  // The declared differences between one machine's handoff facts, read before any boot.
  std::string facts_path = options.facts;
  if (facts_path.empty()) {
    const fs::path beside = fs::path(options.rows).parent_path() / "facts.tsv";
    if (fs::exists(beside)) facts_path = beside.string();
  }
  std::vector<matrix::DeclaredDifference> declared;
  if (facts_path.empty()) {
    fmt::print(stderr, "note: no facts.tsv beside {}: handoff facts not compared across rows (give --facts FILE)\n",
               options.rows);
  } else {
    try {
      declared = matrix::ReadDeclaredDifferences(facts_path);
    } catch (const std::runtime_error& error) {
      fmt::print(stderr, "error: {}\n", error.what());
      return 2;
    }
  }

  const bool keep = !options.keep_logs.empty();
  const fs::path logs = keep ? fs::path(options.keep_logs)
                             : fs::temp_directory_path() / fmt::format("unientry-matrix-{}", getpid());
  fs::create_directories(logs);

  std::vector<Result> results(selected.size());
  std::atomic<size_t> next{0}, done{0};
  std::mutex print;
  auto worker = [&] {
    for (size_t i = next++; i < selected.size(); i = next++) {
      results[i] = Boot(options, selected[i], logs, *table, plan.order);
      std::lock_guard lock(print);
      fmt::print(stderr, "[{}/{}] {:<12} {:<26} {:.2f}s{}\n", ++done, selected.size(), results[i].classification,
                 selected[i].name, results[i].seconds, results[i].detail.empty() ? "" : "  " + results[i].detail);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < std::min<size_t>(options.jobs, selected.size()); ++j) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();

  // Same machine, same facts: the boots that completed, grouped by machine and memory size.
  if (!facts_path.empty()) {
    std::vector<matrix::FactsBoot> boots;
    std::vector<size_t> boot_result;
    for (size_t i = 0; i < results.size(); ++i) {
      const Result& result = results[i];
      if (result.classification != "pass" && result.classification != "test-success") continue;
      boots.push_back({result.row.name, fmt::format("{}, -m {}", result.row.machine, result.memory), result.facts});
      boot_result.push_back(i);
    }
    for (const auto& difference : matrix::CompareFacts(boots, declared)) {
      Result& result = results[boot_result[difference.boot]];
      if (difference.declared != nullptr) {
        result.declared.push_back(fmt::format("{} (declared, {}:{}: {})", difference.message, facts_path,
                                              difference.declared->line, difference.declared->reason));
        continue;
      }
      result.differences.push_back("facts: " + difference.message + ", not declared in " + facts_path);
      if (result.classification == "pass" || result.classification == "test-success") {
        result.classification = "facts-differ";
        result.detail = result.differences.back();
      }
    }
  }

  // Crash reports name function and source line (elfutils libdw over the kernel's DWARF).
  const image::Symbolizer symbolizer(options.kernel + ".elf");
  for (auto& result : results) {
    for (const auto& line : result.log.crash_lines) {
      if (result.crash_symbol.empty()) result.crash_symbol = image::SymbolizeCrashLine(symbolizer, line);
    }
  }

  size_t passed = 0, failed = 0, skipped = 0;
  for (const auto& result : results) {
    if (result.classification == "pass" || result.classification == "test-success" ||
        (result.classification == options.expect && result.differences.empty())) {
      ++passed;
    } else if (result.classification == "skipped") {
      ++skipped;
    } else {
      ++failed;
    }
  }
  if (options.json) {
    nlohmann::ordered_json json{{"schema", "unientry-matrix/2"}, {"passed", passed}, {"failed", failed},
                                {"skipped", skipped}, {"rows", nlohmann::ordered_json::array()}};
    for (const auto& result : results) {
      nlohmann::ordered_json row{{"name", result.row.name}, {"entry", result.row.entry},
                                 {"machine", result.row.machine}, {"image", result.row.image},
                                 {"loader", result.row.loader}, {"firmware", result.row.firmware},
                                 {"result", result.classification}, {"detail", result.detail},
                                 {"seconds", result.seconds}, {"cpus_online", result.log.cpus_online},
                                 {"differences", result.differences},
                                 {"costs", nlohmann::ordered_json::object()},
                                 {"facts", nlohmann::ordered_json::object()}, {"declared", result.declared}};
      for (size_t i = 0; i < result.facts.values.size(); ++i) row["facts"][matrix::kFactNames[i]] = result.facts.values[i];
      for (const auto& [name, value] : result.log.costs) row["costs"][name] = value;
      if (!result.crash_symbol.empty()) row["crash_symbol"] = result.crash_symbol;
      if (result.log.test_guest) {
        row["tests"] = nlohmann::ordered_json::array();
        for (const auto& test : result.log.tests) {
          row["tests"].push_back({{"name", test.name}, {"result", test.result}, {"message", test.message}});
        }
      }
      json["rows"].push_back(row);
    }
    fmt::print("{}\n", json.dump());
  } else {
    fmt::print("{:<26} {:<11} {:<16} {:<18} {:<8} {:<14} {:>7} {:>4}{}\n", "ROW", "ENTRY", "MACHINE", "LOADER",
               "FIRMWARE", "RESULT", "SECONDS", "CPUS", options.cost ? "   ENTRY->COMMON  INIT-TABLE  ENTRY->MAIN" : "");
    for (const auto& result : results) {
      const std::string cpus = result.log.cpus_online >= 0 ? std::to_string(result.log.cpus_online) : "1";
      fmt::print("{:<26} {:<11} {:<16} {:<18} {:<8} {:<14} {:>7.3f} {:>4}{}\n", result.row.name, result.row.entry,
                 result.row.machine, result.row.loader, result.row.firmware, result.classification, result.seconds, cpus,
                 options.cost ? fmt::format("   {:>14}  {:>10}  {:>11}", Cost(result, "entry", "common"),
                                            Cost(result, "plan", "kernel-main"), Cost(result, "entry", "kernel-main"))
                              : "");
      for (const auto& difference : result.differences) fmt::print("    {}\n", difference);
      if (result.classification == "crash") {
        for (const auto& line : result.log.crash_lines) fmt::print("    {}\n", line);
        if (!result.crash_symbol.empty()) fmt::print("    {}\n", result.crash_symbol);
      }
    }
    fmt::print("boot matrix: {} passed, {} failed, {} skipped\n", passed, failed, skipped);
  }
  if (!options.svg.empty()) {
    std::vector<matrix::TimelineRow> timeline;
    for (const auto& result : results) {
      timeline.push_back({result.row.name, result.classification, result.log.costs});
    }
    std::ofstream(options.svg) << matrix::TimelineSvg(timeline);
  }
  if (!keep) fs::remove_all(logs);
  return failed == 0 ? 0 : 1;
}
