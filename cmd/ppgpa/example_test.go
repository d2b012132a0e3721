package main

import (
	"context"
	"fmt"
	"os"
	"strings"
)

// Example_ahp analyses a pairwise comparison matrix of three criteria:
// the weights, λmax, CI and CR with the random-index table named, and the
// judgments to revisit first.
func Example_ahp() {
	run(context.Background(), []string{"ahp", "-top", "1", "testdata/ahp_labelled.csv"}, strings.NewReader(""), os.Stdout, os.Stdout)
	// Output:
	// 权重计算方法：特征向量法
	//
	// 指标    权重  特征向量法  几何平均法
	// ----  ------  ----------  ----------
	// 成本  0.6026      0.6026      0.6026
	// 质量  0.3150      0.3150      0.3150
	// 服务  0.0823      0.0823      0.0823
	//
	// λmax = 3.0020   CI = 0.0010   RI = 0.5800   CR = 0.0017
	// 平均随机一致性指标表：saaty1980（Saaty (1980), The Analytic Hierarchy Process）
	// CR ≤ 0.10（Saaty的经验标准）：一致性可以接受
	//
	// 最不一致的判断（比值 = a_ij w_j / w_i，1为完全一致）
	//
	// 判断         给定值  一致值    比值  位置
	// -----------  ------  ------  ------  -------------------------------------------------------
	// 成本 : 服务  7.0000  7.3186  0.9565  testdata/ahp_labelled.csv：第2行第4列（成本相对于服务）
}

// Example_verify checks a partial publication (two ranks written as
// printed, a grade and a score rounded to two decimals, compared within
// 0.005) against the model and the data; the units it does not name are
// not published, not differences. The exit status is 0 when every
// published item agrees.
func Example_verify() {
	published := "单位,排名,等级,得分\n高新区,第1名,,\n南湖区,第2名,优秀,92.30\n"
	code := run(context.Background(), []string{"verify", "testdata/model.json", "testdata/data.csv", "-"},
		strings.NewReader(published), os.Stdout, os.Stdout)
	fmt.Println("exit status", code)
	// Output:
	// 核验表
	// 指纹：fed9e25d2e40db12eb89e31cd112ef066ff8f618172ffd0ee5dc79fc1d9372f9（程序版本 0.1.0，模型 cd47304dda502260，数据 4e6449615b354a5d，设置 11fa3852dce5ec06）
	// 单位：数据中8个，公布结果中点名2个；另有6个未公布，不作比较
	//
	// 序号  项目  名单或指标  单位    公布   重算   差值  容差    结论  说明
	// ----  ----  ----------  ------  -----  -----  ----  ------  ----  ----
	//    1  名次              高新区  第1名  1         0  须相同  一致
	//    2  名次              南湖区  第2名  2         0  须相同  一致
	//    3  等级              南湖区  优秀   优秀      —  须相同  一致
	//    4  得分              南湖区  92.30  92.30  0.00  ±0.005  一致
	//
	// 核验结论：公布的4项结果与按同一模型和数据重新计算的结果全部一致；另有6个单位未公布，不作比较。
	//
	// 核验人（签字）：______________    日期：______________
	// exit status 0
}
