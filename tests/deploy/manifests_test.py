#!/usr/bin/python3
"""Static checks of the deployment files (issue 7) with the tools Debian offers,
since no container engine or cluster runs here:
- yamllint (strict) on deploy/;
- docker-compose config: deploy/compose.yaml against the Compose schema;
- Kubernetes manifests against the object models of the official Python
  client (python3-kubernetes): every field must exist with the right type,
  required fields must be present; then cross-checks between the objects;
- the Dockerfile: stages, non-root user, HEALTHCHECK, STOPSIGNAL, and that the
  runtime stage installs a package for every shared library the built binary
  loads (ldd + dpkg + apt-cache depends);
- the limits of nginx, compose and Kubernetes agree with the server's settings,
  and every FACECAST_* variable names a real setting (facecast serve --help).

Usage: manifests_test.py SOURCE_DIR FACECAST_BINARY
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

import yaml
import kubernetes.client as k8s

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message, flush=True)
    if not condition:
        failures.append(message)


# ---------- Kubernetes objects against the client's generated models ----------

MODELS = {
    ("apps/v1", "Deployment"): "V1Deployment",
    ("v1", "Service"): "V1Service",
    ("networking.k8s.io/v1", "Ingress"): "V1Ingress",
    # autoscaling/v2 (GA since Kubernetes 1.23) has the fields of v2beta2, the
    # newest the packaged client knows.
    ("autoscaling/v2", "HorizontalPodAutoscaler"): "V2beta2HorizontalPodAutoscaler",
    ("policy/v1", "PodDisruptionBudget"): "V1PodDisruptionBudget",
}
PRIMITIVES = {"str": str, "int": int, "bool": bool, "float": (int, float)}


def validate(value, type_name, path, errors):
    """Walks value against a client model type; appends unknown fields and wrong types."""
    if type_name == "object":
        return
    if type_name in PRIMITIVES:
        if type_name == "int" and isinstance(value, bool) or not isinstance(value, PRIMITIVES[type_name]):
            errors.append(f"{path}: expected {type_name}, got {value!r}")
        return
    m = re.fullmatch(r"list\[(.+)\]", type_name)
    if m:
        if not isinstance(value, list):
            return errors.append(f"{path}: expected a list")
        for i, item in enumerate(value):
            validate(item, m.group(1), f"{path}[{i}]", errors)
        return
    m = re.fullmatch(r"dict\(str, (.+)\)", type_name)
    if m:
        if not isinstance(value, dict):
            return errors.append(f"{path}: expected a map")
        for key, item in value.items():
            validate(item, m.group(1), f"{path}.{key}", errors)
        return
    model = getattr(k8s, type_name)
    if not isinstance(value, dict):
        return errors.append(f"{path}: expected an object ({type_name})")
    json_to_attr = {v: k for k, v in model.attribute_map.items()}
    for key, item in value.items():
        if key not in json_to_attr:
            errors.append(f"{path}.{key}: no such field in {type_name}")
            continue
        validate(item, model.openapi_types[json_to_attr[key]], f"{path}.{key}", errors)


class FakeResponse:
    def __init__(self, obj):
        self.data = json.dumps(obj)


def check_k8s(source):
    objects = {}
    for path in sorted(glob.glob(os.path.join(source, "deploy/k8s/*.yaml"))):
        for doc in yaml.safe_load_all(open(path)):
            name = f"{os.path.basename(path)}: {doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
            model = MODELS.get((doc.get("apiVersion"), doc.get("kind")))
            check(model is not None, f"{name}: known apiVersion and kind ({doc.get('apiVersion')})")
            if not model:
                continue
            errors = []
            validate(doc, model, doc["kind"], errors)
            try:  # required fields: the client's models refuse None for them
                k8s.ApiClient().deserialize(FakeResponse(doc), model)
            except (ValueError, TypeError) as e:
                errors.append(str(e))
            check(not errors, f"{name}: matches the {model} schema" + ("" if not errors else f": {errors}"))
            objects[doc["kind"]] = objects.get(doc["kind"], []) + [doc]
    return objects


def env_of(container):
    return {e["name"]: e.get("value") for e in container.get("env", [])}


def cpu_cores(text):
    return float(text[:-1]) / 1000 if str(text).endswith("m") else float(text)


def mebibytes(text):
    units = {"Mi": 1, "Gi": 1024}
    return float(text[:-2]) * units[text[-2:]]


def cross_check_k8s(objects, settings):
    (deploy,) = objects["Deployment"]
    (service,) = objects["Service"]
    pod = deploy["spec"]["template"]
    (container,) = pod["spec"]["containers"]
    env = env_of(container)
    labels = pod["metadata"]["labels"]
    check(all(labels.get(k) == v for k, v in deploy["spec"]["selector"]["matchLabels"].items()),
          "Deployment selector matches its pod labels")
    check(all(labels.get(k) == v for k, v in service["spec"]["selector"].items()), "Service selects the pods")
    port = int(env["FACECAST_PORT"])
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    check(ports.get("http") == port, "the container port is FACECAST_PORT")
    check(env.get("FACECAST_HOST") == "0.0.0.0", "the server listens on all interfaces in the pod")
    check(service["spec"]["ports"][0]["targetPort"] in ports, "Service targetPort names the container port")
    check(container["readinessProbe"]["httpGet"]["path"] == "/health", "readiness probe on /health")
    check(container["livenessProbe"]["httpGet"]["path"] == "/livez", "liveness probe on /livez")
    grace = float(env["FACECAST_SHUTDOWN_GRACE"])
    pre_stop = float(container["lifecycle"]["preStop"]["exec"]["command"][-1])
    check(pod["spec"]["terminationGracePeriodSeconds"] > grace + pre_stop + 2,
          "terminationGracePeriodSeconds leaves room for preStop + shutdown_grace")
    res = container["resources"]
    check(cpu_cores(res["requests"]["cpu"]) <= cpu_cores(res["limits"]["cpu"]) and
          mebibytes(res["requests"]["memory"]) <= mebibytes(res["limits"]["memory"]), "requests within limits")
    check(cpu_cores(res["limits"]["cpu"]) >= int(env["FACECAST_WORKERS"]) > 0,
          "a core per worker (FACECAST_WORKERS set, not 0 = the node's core count)")
    sec = container["securityContext"]
    check(pod["spec"]["securityContext"]["runAsNonRoot"] and pod["spec"]["securityContext"]["runAsUser"] != 0
          and sec["allowPrivilegeEscalation"] is False, "pods run as a non-root user without privilege escalation")
    for name in env:
        check(name.startswith("FACECAST_") and name[9:].lower() in settings, f"{name} is a Facecast setting")
    for ingress in objects["Ingress"]:
        for rule in ingress["spec"]["rules"]:
            for p in rule["http"]["paths"]:
                backend = p["backend"]["service"]
                check(backend["name"] == service["metadata"]["name"] and
                      backend["port"]["name"] in [sp["name"] for sp in service["spec"]["ports"]],
                      f"Ingress {ingress['metadata']['name']} {p['path']} points at the Service port")
        notes = ingress["metadata"]["annotations"]
        check(notes["nginx.ingress.kubernetes.io/proxy-body-size"] == f"{env['FACECAST_MAX_UPLOAD_MB']}m",
              f"Ingress {ingress['metadata']['name']} body limit equals FACECAST_MAX_UPLOAD_MB")
        retries_posts = "non_idempotent" in notes.get("nginx.ingress.kubernetes.io/proxy-next-upstream", "")
        only_uploads = [p["path"] for r in ingress["spec"]["rules"] for p in r["http"]["paths"]] == ["/process-audio"]
        check(retries_posts == only_uploads,
              f"Ingress {ingress['metadata']['name']}: non-idempotent retries only for /process-audio")
    hpa = [o for o in objects["HorizontalPodAutoscaler"]][0]
    check(hpa["spec"]["scaleTargetRef"]["name"] == deploy["metadata"]["name"], "the HPA scales the Deployment")
    check(hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu", "the HPA follows CPU")
    return env


# ---------- Dockerfile ----------

def stages(dockerfile):
    """[(FROM line, [instructions])] with line continuations joined."""
    text = re.sub(r"\\\n", " ", open(dockerfile).read())
    result = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            result.append((line, []))
        elif result:
            result[-1][1].append(line)
    return result


def installed_packages(instructions):
    packages = set()
    for line in instructions:
        for m in re.finditer(r"apt-get install ([^&]+)", line):
            packages |= {w for w in m.group(1).split() if not w.startswith("-")}
    return packages


def packages_of(paths):
    """{path: Debian package} with one dpkg -S call per try (each call is slow)."""
    found = {}
    for attempt in (lambda p: p, os.path.realpath):
        todo = {attempt(p): p for p in paths if p not in found}
        if not todo:
            break
        out = subprocess.run(["dpkg", "-S", *todo], capture_output=True, text=True).stdout
        for line in out.splitlines():
            package, _, path = line.partition(": ")
            if path in todo:
                found[todo[path]] = package.split(":")[0]
    return found


def closure(packages):
    out = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                          "--no-breaks", "--no-replaces", "--no-enhances", *sorted(packages)],
                         capture_output=True, text=True)
    found = set(packages)
    for line in out.stdout.splitlines():
        m = re.match(r"\s*(?:\|)?(?:Pre)?Depends: <?([^>\s:]+)", line)
        if m:
            found.add(m.group(1))
        elif line and not line.startswith(" "):
            found.add(line.strip().split(":")[0])
    return found


def check_dockerfile(source, binary, env_k8s):
    dockerfile = os.path.join(source, "Dockerfile")
    st = stages(dockerfile)
    check(len(st) == 2 and st[0][0].startswith("FROM debian:12 AS") and st[1][0] == "FROM debian:12-slim",
          "Dockerfile: builds on debian:12, runs on debian:12-slim")
    runtime = st[1][1]
    user = [line.split()[1] for line in runtime if line.startswith("USER ")]
    check(bool(user) and user[-1].split(":")[0] not in ("0", "root"), f"runtime runs as a non-root user ({user})")
    health = [line for line in runtime if line.startswith("HEALTHCHECK ")]
    check(bool(health) and "/health" in health[0] and "curl" in health[0], "HEALTHCHECK asks /health with curl")
    check("STOPSIGNAL SIGTERM" in runtime, "STOPSIGNAL SIGTERM")
    check(any(line.startswith("ENTRYPOINT") and "facecast" in line for line in runtime), "ENTRYPOINT is facecast")
    packages = installed_packages(runtime)
    check("curl" in packages, "the HEALTHCHECK's curl is installed in the runtime stage")
    check("pocketsphinx-en-us" in packages, "the speech model is installed in the runtime stage")
    check(not any(p.endswith("-dev") or p in ("g++", "cmake", "npm", "nodejs") for p in packages),
          f"no build tools in the runtime stage ({sorted(packages)})")
    # Every shared library the binary loads must come with the runtime packages.
    ldd = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
    libraries = re.findall(r"=> (/\S+)", ldd)
    available = closure(packages | {"libc6", "libgcc-s1", "libstdc++6"})  # the last three are in debian:12-slim
    owners = packages_of(libraries)
    missing = [f"{lib} ({owners.get(lib)})" for lib in libraries if owners.get(lib) not in available]
    check(libraries and not missing, f"runtime packages provide all {len(libraries)} shared libraries"
          + (f"; missing {missing}" if missing else ""))
    # ENV defaults name real settings and match the Kubernetes limits.
    env_lines = " ".join(line for line in runtime if line.startswith("ENV "))
    docker_env = dict(re.findall(r"(FACECAST_[A-Z_]+)=(\S+)", env_lines))
    check(docker_env.get("FACECAST_HOST") == "0.0.0.0", "the image listens on all interfaces")
    check(docker_env.get("FACECAST_MAX_UPLOAD_MB") == env_k8s["FACECAST_MAX_UPLOAD_MB"],
          "image and Deployment agree on the upload limit")
    return docker_env


# ---------- nginx and compose against the server's settings ----------

def check_limits(source, env_k8s, settings):
    conf = open(os.path.join(source, "deploy/nginx/facecast.conf")).read()
    m = re.search(r"client_max_body_size (\d+)m;", conf)
    check(m and m.group(1) == env_k8s["FACECAST_MAX_UPLOAD_MB"] == settings["max_upload_mb"],
          "nginx client_max_body_size equals the server's max_upload_mb default (50)")
    m = re.search(r"client_body_timeout (\d+)s;", conf)
    check(m and m.group(1) == settings["request_timeout"], "nginx client_body_timeout equals request_timeout (30)")
    upload_block = re.search(r"location = /process-audio \{(.*?)\n    \}", conf, re.S).group(1)
    check("non_idempotent" in upload_block, "nginx retries POST /process-audio on another replica")
    check(conf.count("non_idempotent") == 1, "nginx retries no other non-idempotent request")
    server_block = conf[conf.index("server {"):]
    locations = re.findall(r"\n    location [^{]*\{(.*?)\n    \}", server_block, re.S)
    check(len(locations) >= 3 and not any("proxy_set_header" in block for block in locations),
          "no location sets its own proxy_set_header (it would drop the server's Host, X-Forwarded-*, Upgrade)")
    check("proxy_set_header Upgrade $http_upgrade;" in server_block and
          "proxy_set_header Connection $facecast_connection;" in server_block and
          re.search(r"map \$http_upgrade \$facecast_connection \{\s*default upgrade;", conf) is not None,
          "nginx passes the WebSocket upgrade and keeps upstream connections alive otherwise")
    compose = yaml.safe_load(open(os.path.join(source, "deploy/compose.yaml")))
    replicas = [s for name, s in compose["services"].items() if name.startswith("facecast-")]
    check(len(replicas) == 3, "compose runs three replicas")
    upstream = open(os.path.join(source, "deploy/nginx/upstream-compose.conf")).read()
    check(all(f"server {name}:8000" in upstream for name in compose["services"] if name.startswith("facecast-")),
          "the compose upstream names every compose replica")
    for name, value in replicas[0]["environment"].items():
        check(name[9:].lower() in settings, f"compose {name} is a Facecast setting")
    check(replicas[0]["environment"]["FACECAST_MAX_UPLOAD_MB"] == settings["max_upload_mb"],
          "compose upload limit equals nginx's")
    grace = float(replicas[0]["environment"]["FACECAST_SHUTDOWN_GRACE"])
    check(float(replicas[0]["stop_grace_period"].rstrip("s")) > grace, "compose stop_grace_period > shutdown_grace")


def server_settings(binary):
    """Setting names (underscored) and the defaults the help states, from `facecast serve --help`."""
    text = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    names = {m.replace("-", "_") for m in re.findall(r"^\s+--([a-z0-9-]+) V", text, re.M)}
    defaults = {}
    for name in ("max_upload_mb", "request_timeout"):
        m = re.search(rf"--{name.replace('_', '-')} V .*\(default (\d+)\)", text)
        defaults[name] = m.group(1) if m else None
    return {**{n: None for n in names}, **defaults}


def main():
    source, binary = sys.argv[1:3]
    lint = subprocess.run(["yamllint", "-s", "-c", os.path.join(source, "deploy/.yamllint"),
                           os.path.join(source, "deploy")], capture_output=True, text=True)
    check(lint.returncode == 0, "yamllint -s deploy/" + ("" if lint.returncode == 0 else ":\n" + lint.stdout))
    if shutil.which("docker-compose"):
        compose = subprocess.run(["docker-compose", "-f", os.path.join(source, "deploy/compose.yaml"), "config", "-q"],
                                 capture_output=True, text=True)
        check(compose.returncode == 0, "docker-compose config accepts deploy/compose.yaml " + compose.stderr.strip())
    else:
        print("skipped: docker-compose is not installed (scripts/install-deps.sh installs it)")
    settings = server_settings(binary)
    check(len(settings) > 20 and "shutdown_grace" in settings, "read the setting names from facecast serve --help")
    objects = check_k8s(source)
    env_k8s = cross_check_k8s(objects, settings)
    check_dockerfile(source, binary, env_k8s)
    check_limits(source, env_k8s, settings)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("deployment files pass")


if __name__ == "__main__":
    main()
