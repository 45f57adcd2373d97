"""boilerplate: remove page chrome by rules (see ``docs/boilerplate.md``).

* :mod:`textclean.stages.boilerplate.stage` finds and removes the chrome lines;
* :mod:`textclean.stages.boilerplate.rules` parses and checks the rule files
  (``rules/boilerplate/*.toml``);
* :mod:`textclean.stages.boilerplate.layout` holds the shape tests rules rely
  on (prose lines, sentence endings, word counts) over the lines of
  :func:`textclean.textblocks.split_lines`.
"""

from textclean.stages.boilerplate.stage import NAME, BoilerplateStage, build, compile_rules

__all__ = ["NAME", "BoilerplateStage", "build", "compile_rules"]
