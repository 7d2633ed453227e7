"""`make lab`: a headless Jupyter server on a free loopback port lists and opens every notebook."""

import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

from videorace.pipeline import config
from videorace.pipeline.notebooks import notebook_names


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, token: str):
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def test_lab_lists_and_opens_every_notebook(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={config.PROJECT_DIR}",
         "--ServerApp.port_retries=0", "--allow-root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**__import__("os").environ, "JUPYTER_RUNTIME_DIR": str(tmp_path)})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                get(f"{base}/api/status", token)
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise AssertionError("the Jupyter server did not answer within 60 s")
        listing = get(f"{base}/api/contents/notebooks", token)
        listed = {item["name"] for item in listing["content"]}
        assert {f"{n}.ipynb" for n in notebook_names()} <= listed
        kernels = get(f"{base}/api/kernelspecs", token)["kernelspecs"]
        assert config.KERNEL_NAME in kernels
        for name in notebook_names():
            doc = get(f"{base}/api/contents/notebooks/{name}.ipynb", token)
            assert doc["type"] == "notebook" and doc["content"]["cells"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_make_lab_explores_copies_and_keeps_an_explored_one(tmp_path):
    """Lab saves every two minutes: it works on copies in lab/ (gitignored), so a saved
    exploration never changes what the build, nbval or make refresh reads."""
    import shutil

    shutil.copy(config.PROJECT_DIR / "Makefile", tmp_path)
    shutil.copytree(config.NOTEBOOKS_DIR, tmp_path / "notebooks", ignore=shutil.ignore_patterns("sets"))
    (tmp_path / "lab").mkdir()
    explored = tmp_path / "lab" / "06_catch_up.ipynb"
    explored.write_text("explored", encoding="utf-8")
    done = subprocess.run(["make", "-s", "-C", str(tmp_path), "lab-copies"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "lab").glob("*.ipynb")) == \
        sorted(f"{n}.ipynb" for n in notebook_names())
    assert explored.read_text(encoding="utf-8") == "explored"
    assert f"{len(notebook_names()) - 1} new" in done.stdout
    ignored = subprocess.run(["git", "-C", str(config.PROJECT_DIR), "check-ignore", "-q", "lab/x.ipynb"])
    assert ignored.returncode == 0
