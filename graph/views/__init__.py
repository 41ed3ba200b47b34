"""The HTML views behind :mod:`graph.render`, one module per concern.

``common``   styles (templates/styles.json), text helpers, safe links and JSON for pages, atomic writes
``catalog``  the per-node summary every page loads (search, filters, labels) and the panel facts, sharded
``layout``   positions computed in Python: bands by level, chains by level and depth, a timeline by date
``scenes``   what one canvas shows; beyond a size limit, aggregates by level, year, province with drill-down
``chains``   which documents a chain view holds, and the file name of each chain page
``models``   the locality x pilot-model matrix
``pages``    page assembly from templates/page.html and the folder of files
``synthetic`` projections of any size, for the scale tests and scripts/bench_views.py

The input is the projection's :class:`networkx.DiGraph` (see :mod:`graph.project`). Documents carry
``kind="document"``, ``label``, ``number``, ``type``, ``type_code``, ``issuer``, ``issuer_en``, ``level``,
``province``, ``date``, ``date_not_before``, ``title``, ``signers``, ``source`` and ``citation_only``;
model adoptions (tasks) carry ``kind="adoption"``, ``model``, ``status``, ``locality``, ``locality_level``,
``province``, ``since``, ``deadline``, ``assignee`` and ``evidence``. An edge ``u -> v`` carries
``relation`` (u implements, continues ... v; or u ``decides`` the task v), ``origin`` and ``evidence``
(dicts with ``quote``, ``prefix``, ``suffix``, ``source``, ``start``, ``end``; or ``citation`` and ``url``).
"""
