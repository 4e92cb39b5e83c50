"""Room mode: a workshop on one machine, each learner with their own account, server and
workbook on JupyterHub, the trainer with nbgrader's formgrader and exchange.

`roster` reads who is in the room; `prepare` sets the machine up (accounts, workbooks, the
room's Python, configuration); `jupyterhub_config` is what the hub runs; `limits` puts each
learner in a cgroup; `receivables.address` finds what learners type. `receivables room start|remove`.
"""
