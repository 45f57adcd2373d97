"""boilerplate: remove page chrome by rules (see ``docs/boilerplate.md``).

* :mod:`textclean.stages.boilerplate.stage` finds and removes the chrome lines;
* :mod:`textclean.stages.boilerplate.rules` parses and checks the rule files
  (``rules/boilerplate/*.toml``);
* :mod:`textclean.stages.boilerplate.layout` holds the shape tests rules rely
  on (prose lines, sentence endings, word counts) over the lines of
  :func:`textclean.textblocks.split_lines`;
* :mod:`textclean.stages.boilerplate.shape` finds chrome by the shape of lines
  and their neighbours (thresholds in ``rules/boilerplate/classifier.toml``);
* :mod:`textclean.stages.boilerplate.screen` finds the strings a rule regex
  cannot match without, so that most lines skip the regexes.
"""

from textclean.stages.boilerplate.stage import NAME, BoilerplateStage, build, compile_rules

__all__ = ["NAME", "BoilerplateStage", "build", "compile_rules"]
