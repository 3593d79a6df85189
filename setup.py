"""Packages: everything under pipeline/, plus models/ installed as ``pipeline.models`` so that the trained
model and its card ship inside the package (the rest of the metadata is in setup.cfg)."""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["pipeline", "pipeline.*"]) + ["pipeline.models"],
      package_dir={"pipeline.models": "models"})
