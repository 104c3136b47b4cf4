# Shared by ./mvnw and ./crm: makes JAVA_HOME point at a JDK whose feature version is >= 21.
# Order: JAVA_HOME if suitable, else the newest suitable JDK under /usr/lib/jvm (and macOS' JVM folder),
# else `java` on the PATH if suitable; otherwise a message saying what to install.
clientbook_jdk_version() { # prints the feature version of the JDK at $1 (0 when not a JDK)
  local rel="$1/release"
  if [ -x "$1/bin/javac" ] && [ -f "$rel" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel" | head -n1
  else
    echo 0
  fi
}

clientbook_find_jdk() {
  local min=21 best="" best_v=0 cand v
  if [ -n "${JAVA_HOME:-}" ] && [ "$(clientbook_jdk_version "$JAVA_HOME")" -ge "$min" ] 2>/dev/null; then
    export JAVA_HOME; return 0
  fi
  for cand in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$cand" ] || continue
    v="$(clientbook_jdk_version "$cand")"
    if [ "${v:-0}" -ge "$min" ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$cand"; best_v="$v"; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null; then
    cand="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    v="$(clientbook_jdk_version "$cand")"
    if [ "${v:-0}" -ge "$min" ] 2>/dev/null; then best="$cand"; fi
  fi
  if [ -z "$best" ]; then
    echo "Clientbook needs a JDK $min or newer (found none in JAVA_HOME, /usr/lib/jvm or on the PATH)." >&2
    echo "Install one, for example Eclipse Temurin 21 or 25, and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
