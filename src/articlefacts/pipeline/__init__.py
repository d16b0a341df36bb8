"""The pipeline machinery: running notebooks, kernels, JupyterLab, README generation, project copies.

Nothing here analyses the article; the analysis modules never import from here.
"""
