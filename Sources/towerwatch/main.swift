print("towerwatch")
