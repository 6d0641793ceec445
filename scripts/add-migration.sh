#!/usr/bin/env bash
# Adds a migration NAME to both providers' migrations projects (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh NAME
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/TiersPayant.Data.Migrations.$provider
  dotnet tool run dotnet-ef migrations add "$name" --project "$project" --startup-project "$project" \
    --context TiersPayantDbContext --output-dir Migrations
done
