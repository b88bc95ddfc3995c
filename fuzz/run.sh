#!/usr/bin/env bash
# Fuzzes one file reader of Choshu with libFuzzer through SharpFuzz (docs/security.md「Fuzzing」).
#
#   fuzz/run.sh READER RUNS [SEED]
#
# READER: taxpayers, assessments, bank, store, eltax, counter, zengin, zengin-records (fuzz/Choshu.Fuzz/FuzzTargets.cs).
# RUNS:   how many inputs to execute in all (libFuzzer -runs). SEED: libFuzzer's -seed (default 1).
#
# Installs what is missing (Debian's clang with the libFuzzer runtime, the sharpfuzz dotnet tool), builds
# the libFuzzer driver (fuzz/driver/libfuzzer-dotnet.cc, MIT, vendored) and the target, instruments
# Choshu.Formats.dll with `sharpfuzz`, and runs libfuzzer-dotnet over a working copy of the seed corpus
# fuzz/corpus/READER (new inputs go to fuzz/.out/corpus/READER; the committed seeds are never changed).
# libFuzzer stops at a crash: the input is written to fuzz/crashes/pending/READER/ and the run goes on
# with a new seed until RUNS inputs have been executed (at most 20 restarts). It ends by printing one line:
#   READER: executed N, crashes C, cov X, ft Y, corpus Z, seconds S
# (cov: coverage points reached, ft: libFuzzer "features" — distinct edge/counter combinations, the
# measure of unique paths). Exit code 0 when no crash was found, 1 when one was, 2 on a usage error.
# Only this script needs clang: ./test.sh replays the corpus and crashes without it (FuzzCorpusReplayTests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
reader=${1:-}
runs=${2:-}
seed=${3:-1}
readers="taxpayers assessments bank store eltax counter zengin zengin-records"
if [ -z "$reader" ] || [ -z "$runs" ] || ! [[ " $readers " == *" $reader "* ]] || ! [[ "$runs" =~ ^[0-9]+$ ]]; then
  echo "usage: fuzz/run.sh READER RUNS [SEED]   (READER: $readers)" >&2
  exit 2
fi

out=fuzz/.out
mkdir -p "$out"

# 1. clang with the libFuzzer runtime (on Debian bookworm it is in libclang-rt-14-dev, beside clang).
if ! command -v clang >/dev/null 2>&1 || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz: installing clang and the libFuzzer runtime from Debian packages" >&2
  if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo -n); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >&2 \
    || { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
         && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >&2; }
fi

# 2. The driver: libFuzzer's main, which starts the .NET target and reads its coverage from shared memory.
driver=$out/libfuzzer-dotnet
if [ ! -x "$driver" ] || [ fuzz/driver/libfuzzer-dotnet.cc -nt "$driver" ]; then
  clang -O2 -fsanitize=fuzzer fuzz/driver/libfuzzer-dotnet.cc -o "$driver"
fi

# 3. The target, built, copied and instrumented: Choshu.Formats.dll (the readers) and Choshu.Domain.dll (the
#    match keys, amounts and dates they parse with).
: >"$out/instrument.log"
dotnet tool restore >/dev/null
dotnet build fuzz/Choshu.Fuzz/Choshu.Fuzz.csproj -c Release -v q --nologo -clp:NoSummary >"$out/build.log" 2>&1 \
  || { cat "$out/build.log"; exit 1; }
target=$out/target
rm -rf "$target"
cp -r fuzz/Choshu.Fuzz/bin/Release/net10.0 "$target"
for dll in Choshu.Formats.dll Choshu.Domain.dll; do
  dotnet sharpfuzz "$target/$dll" >>"$out/instrument.log" 2>&1 || { cat "$out/instrument.log"; exit 1; }
done

# 4. Fuzz, restarting after a crash until RUNS inputs have run.
work=$out/corpus/$reader
pending=fuzz/crashes/pending/$reader
mkdir -p "$work" "$pending"
case "$reader" in zengin*) dict=fuzz/dict/zengin.dict ;; *) dict=fuzz/dict/csv.dict ;; esac
log=$out/$reader.log
: >"$log"
executed=0 crashes=0 restarts=0 last=""
start=$(date +%s)
while [ "$executed" -lt "$runs" ] && [ "$restarts" -le 20 ]; do
  before=$(find "$pending" -type f | wc -l)
  from=$(($(wc -l <"$log") + 1))
  set +e
  "$driver" --target_path="$target/choshu-fuzz" --target_arg="$reader" \
    -runs=$((runs - executed)) -seed=$((seed + restarts)) -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$dict" -artifact_prefix="$pending/" "$work" "fuzz/corpus/$reader" >>"$log" 2>&1
  rc=$?
  set -e
  # This run's lines: its final stats, or (when it died before printing them) its last status line.
  ran=$(tail -n +"$from" "$log" | grep -o 'stat::number_of_executed_units: [0-9]*' | tail -n 1 | awk '{print $2}')
  [ -n "$ran" ] || ran=$(tail -n +"$from" "$log" | grep -oE '^#[0-9]+' | tail -n 1 | tr -d '#')
  if [ "$rc" -ne 0 ]; then
    crashes=$((crashes + $(find "$pending" -type f | wc -l) - before))
    [ "$(find "$pending" -type f | wc -l)" -gt "$before" ] || crashes=$((crashes + 1)) # a crash with no artifact (e.g. the target died)
  fi
  executed=$((executed + ${ran:-0}))
  echo "--- run ended: rc $rc, executed so far $executed" >>"$log"
  [ "$rc" -eq 0 ] && break
  restarts=$((restarts + 1))
done
last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 || true)
cov=$(echo "$last" | grep -oE 'cov: [0-9]+' | awk '{print $2}')
ft=$(echo "$last" | grep -oE 'ft: [0-9]+' | awk '{print $2}')
corp=$(echo "$last" | grep -oE 'corp: [0-9]+' | awk '{print $2}')
echo "$reader: executed $executed, crashes $crashes, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, seconds $(( $(date +%s) - start ))   (log: $log)"
[ "$crashes" -eq 0 ]
