# Source this file (`. .ci/use-node22.sh`, from sh, bash or zsh, from any folder): it puts a Node.js >= 22.22
# first on PATH. When the machine's node is older, it installs the official Node 22 binary from the npm
# registry (the node-<os>-<arch> package, no install script) into this checkout's .cache/node22 once.

_nectr_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=22)?0:1)'
}

if ! _nectr_node_ok; then
  # This checkout's root. POSIX gives a sourced file no way to learn its own path: bash says it in BASH_SOURCE,
  # zsh in its %x prompt escape, and other shells (dash, busybox sh) hold the file open while they read it,
  # which Linux shows under /proc/$$/fd.
  _nectr_self="${BASH_SOURCE:-}"
  if [ -z "$_nectr_self" ] && [ -n "${ZSH_VERSION:-}" ]; then
    eval '_nectr_self="${(%):-%x}"'
  fi
  if [ -z "$_nectr_self" ] && [ -d "/proc/$$/fd" ]; then
    for _nectr_fd in "/proc/$$/fd/"*; do
      case "$(readlink "$_nectr_fd" 2>/dev/null)" in
        */.ci/use-node22.sh) _nectr_self="$(readlink "$_nectr_fd")" && break ;;
      esac
    done
  fi
  if [ -z "$_nectr_self" ]; then
    echo "nectr: this shell does not say where .ci/use-node22.sh is; source it from bash, zsh or Linux's sh" >&2
    return 1 2>/dev/null || exit 1
  fi
  _nectr_root="$(cd "$(dirname "$_nectr_self")/.." && pwd)"

  _nectr_os="$(uname -s | tr '[:upper:]' '[:lower:]')"
  case "$(uname -m)" in
    x86_64|amd64) _nectr_arch=x64 ;;
    aarch64|arm64) _nectr_arch=arm64 ;;
    *) _nectr_arch="$(uname -m)" ;;
  esac
  _nectr_pkg="node-${_nectr_os}-${_nectr_arch}"
  _nectr_dir="$_nectr_root/.cache/node22"
  _nectr_bin="$_nectr_dir/node_modules/$_nectr_pkg/bin"
  if [ ! -x "$_nectr_bin/node" ]; then
    echo "nectr: bringing Node.js 22 into $_nectr_dir (the machine has $(node -v 2>/dev/null || echo none))" >&2
    mkdir -p "$_nectr_dir"
    npm install --prefix "$_nectr_dir" --no-save --no-package-lock "${_nectr_pkg}@22" >&2
  fi
  export PATH="$_nectr_bin:$PATH"
  # Native addons must build against Node 22's headers, not a nodedir set for the system node.
  export npm_config_nodedir="$_nectr_dir/node_modules/$_nectr_pkg"
  # The official binary trusts only its bundled CAs; Debian's node trusts the system store.
  # Keep the system store trusted, so a registry behind a local CA still works.
  if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
  _nectr_node_ok || { echo "nectr: could not bring Node.js 22.22+" >&2; return 1 2>/dev/null || exit 1; }
fi
unset -f _nectr_node_ok
unset _nectr_self _nectr_fd _nectr_root _nectr_os _nectr_arch _nectr_pkg _nectr_dir _nectr_bin
