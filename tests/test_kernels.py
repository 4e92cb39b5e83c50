"""receivables.kernels: every notebook the kit runs has its kernel on unix sockets of its own,
so notebooks started side by side in one folder never share a port or a socket."""

import json
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from receivables import kernels

PROBE = (
    "import json, ipykernel.connect as c\n"
    "info = json.load(open(c.get_connection_file()))\n"
    "print(json.dumps({'transport': info['transport'], 'ip': info['ip'], 'n': n, 'kind': type(n).__name__}))"
)


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def _probe(folder, name):
    nb = _notebook()
    nb.cells = [nbformat.v4.new_code_cell("n = 0", metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell(PROBE)]
    path = folder / name
    nbformat.write(nb, path)
    return path


def _seen(path):
    return json.loads(nbformat.read(path, as_version=4).cells[-1].outputs[0]["text"])


def test_notebooks_side_by_side_in_one_folder_each_have_their_own_sockets(tmp_path):
    sources = [_probe(tmp_path, f"probe{i}.ipynb") for i in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(
            pool.map(
                lambda i: kernels.execute_apart(sources[i], tmp_path / f"ran{i}.ipynb", tmp_path, {"n": i}), range(4)
            )
        )
    seen = [_seen(tmp_path / f"ran{i}.ipynb") for i in range(4)]
    assert {s["transport"] for s in seen} == {"ipc"}
    assert len({s["ip"] for s in seen}) == 4
    assert [(s["n"], s["kind"]) for s in seen] == [(0, "int"), (1, "int"), (2, "int"), (3, "int")]
    assert not list(tmp_path.glob("kernel-ipc*"))


def test_a_failing_notebook_says_which_and_why(tmp_path):
    nb = _notebook()
    nb.cells = [nbformat.v4.new_code_cell("raise ValueError('no ledger here')")]
    nbformat.write(nb, tmp_path / "bad.ipynb")
    with pytest.raises(kernels.NotebookFailed, match=r"bad\.ipynb: .*no ledger here"):
        kernels.execute_apart(tmp_path / "bad.ipynb", tmp_path / "out.ipynb", tmp_path)


def test_the_client_polls_in_slices_so_a_missed_wakeup_costs_half_a_second():
    manager = kernels.IPCKernelManager(kernel_name="python3")
    client = manager.client()
    assert isinstance(client, kernels.SlicedKernelClient)
    assert all(isinstance(ch, kernels.SlicedChannel) for ch in (client.shell_channel, client.iopub_channel))
    assert kernels.POLL_SLICE_S <= 1


def test_sockets_follow_a_connection_file_the_caller_placed(tmp_path):
    """The grading sandbox binds only its run folder: the sockets must be made there."""
    placed = kernels.IPCKernelManager(connection_file=str(tmp_path / "run" / "kernel.json"))
    assert placed.transport == "ipc" and placed.ip == str(tmp_path / "run" / "kernel-ipc")
    first, second = kernels.IPCKernelManager(), kernels.IPCKernelManager()
    assert first.ip != second.ip and len(first.ip) < 80


def test_nbgrader_runs_its_kernels_through_the_kit(repo_root):
    """Autograde (LimitedExecute) and validate (KitExecute) start their kernels with
    IPCKernelManager: own sockets, polls in slices."""
    from traitlets.config.loader import PyFileConfigLoader

    from receivables.grading.execute import KitExecute, LimitedExecute

    config = PyFileConfigLoader("nbgrader_config.py", path=str(repo_root)).load_config()
    assert LimitedExecute in config.Autograde.autograde_preprocessors
    assert KitExecute in config.Validator.preprocessors
    for preprocessor in (KitExecute, LimitedExecute):
        assert preprocessor(config=config).kernel_manager_class is kernels.IPCKernelManager
