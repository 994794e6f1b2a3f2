"""The printed paper forms (reportlab): 评审一览表, 评审公示表 and the unit 公示名单."""
